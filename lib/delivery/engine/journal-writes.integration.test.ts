import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import type { CallRow } from "./call-record";
import { writeCallRows } from "./call-log-writer";
import { insertClaims, isDone, maskOf } from "./claim-store";
import { commitJournal } from "./delivery-sql";
import { doneBeyondCursor } from "./done-beyond-cursor";
import { pgExecutor } from "@/lib/db/sql-executor";

let t: TestDatabase;
let pool: pg.Pool;
let base: CallRow;
beforeAll(async () => {
  t = await freshDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const org = await t.db.organisation.create({ data: { name: "Calls" } });
  const source = await t.db.source.create({ data: { organisationId: org.id, kind: "webhook", name: "s" } });
  const nexset = await t.db.nexset.create({ data: { organisationId: org.id, sourceId: source.id, name: "n" } });
  const credential = await t.db.credential.create({
    data: {
      organisationId: org.id,
      name: "c",
      region: "sandbox",
      tokenCiphertext: "x",
      tokenKeyId: "k",
      tokenLast4: "abcd",
    },
  });
  const destination = await t.db.destination.create({
    data: { organisationId: org.id, nexsetId: nexset.id, credentialId: credential.id, name: "d", config: {} },
  });
  base = {
    organisationId: org.id,
    destinationId: destination.id,
    kind: "delivery",
    firstSeq: 1,
    lastSeq: 1,
    recordCount: 1,
    configVersion: 1,
    attempt: 1,
    method: "POST",
    url: "https://api.intercom.io/contacts",
    requestHeaders: { "content-type": "application/json", authorization: "Bearer ••••abcd" },
    requestBody: '{"email":"a@example.com"}',
    responseStatus: 200,
    responseHeaders: { "x-ratelimit-remaining": "99" },
    responseBody: '{"id":"1"}',
    outcome: "success",
    errorMessage: null,
    latencyMs: 12,
    createdAt: new Date("2026-11-22T10:00:00.123Z"),
  };
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

describe("call rows by COPY", () => {
  it("stores every field as given, whatever characters the bodies hold", async () => {
    const awkward = 'tab\there, newline\nthere, back\\slash, CR\r, "quotes", NUL\u0000, ünïcødé 🚀, \\N';
    const rows: CallRow[] = [
      {
        ...base,
        firstSeq: 7,
        lastSeq: 9,
        recordCount: 3,
        requestBody: awkward,
        responseBody: null,
        responseStatus: null,
        responseHeaders: undefined,
        errorMessage: "timed out",
        outcome: "retry",
      },
      { ...base, firstSeq: 10, lastSeq: 10, requestHeaders: { "x-note": awkward } },
    ];
    expect((await writeCallRows(pool, rows)).map((error) => error.message)).toEqual([]);
    const stored = await t.db.deliveryCall.findMany({
      where: { destinationId: base.destinationId, firstSeq: { in: [7, 10] } },
      orderBy: { firstSeq: "asc" },
    });
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      lastSeq: 9,
      recordCount: 3,
      requestBody: awkward.replace("\u0000", "\uFFFD"),
      responseBody: null,
      responseStatus: null,
      responseHeaders: null,
      errorMessage: "timed out",
      outcome: "retry",
      latencyMs: 12,
    });
    expect(stored[0]!.createdAt.toISOString()).toBe("2026-11-22T10:00:00.123Z");
    expect(stored[1]!.requestHeaders).toEqual({ "x-note": awkward.replace("\u0000", "\uFFFD") });
    expect(stored[1]!.responseHeaders).toEqual({ "x-ratelimit-remaining": "99" });
  });

  it("writes the good rows when PostgreSQL refuses one, and says which was left out", async () => {
    const rows: CallRow[] = [
      { ...base, firstSeq: 20 },
      { ...base, firstSeq: 21, latencyMs: 2 ** 40 }, // out of range for an integer column
      { ...base, firstSeq: 22 },
    ];
    const refused = (await writeCallRows(pool, rows)).map((error) => error.message);
    const stored = await t.db.deliveryCall.findMany({
      where: { destinationId: base.destinationId, firstSeq: { in: [20, 21, 22] } },
      select: { firstSeq: true },
    });
    expect(stored.map((r) => r.firstSeq).sort()).toEqual([20, 22]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/not in the activity log: .*out of range/);
  });

  it("throws when the database can't be reached, so the journal keeps the rows and tries again", async () => {
    const unreachable = new pg.Pool({
      connectionString: "postgresql://nobody@127.0.0.1:1/none",
      connectionTimeoutMillis: 2_000,
    });
    await expect(writeCallRows(unreachable, [{ ...base, firstSeq: 30 }])).rejects.toThrow();
    await unreachable.end();
    expect(await t.db.deliveryCall.count({ where: { destinationId: base.destinationId, firstSeq: 30 } })).toBe(0);
  });
});

describe("a claim's done records in the journal's commit", () => {
  it("adds each commit's records to the claim's doneMask, the 64th record (the sign bit) included", async () => {
    const sql = pgExecutor(pool);
    const [claim] = await insertClaims(sql, base.destinationId, [{ firstSeq: 1, lastSeq: 64 }], 1);
    const commit = (doneMasks: Map<bigint, bigint>) =>
      commitJournal(sql, {
        destinationId: base.destinationId,
        progress: new Map(),
        doneMasks,
        errorRecords: [],
        finished: [],
        storeCursor: false,
        cursor: 0,
        streak: 0,
        errorMessage: null,
      });
    await commit(new Map([[claim!.id, maskOf(claim!, [64])]]));
    await commit(new Map([[claim!.id, maskOf(claim!, [1, 2])]]));
    const stored = await t.db.deliveryClaim.findUniqueOrThrow({ where: { id: claim!.id } });
    const done = Array.from({ length: 64 }, (_, i) => i + 1).filter((seq) => isDone(stored, seq));
    expect(done).toEqual([1, 2, 64]);
  });

  it("count toward progress beyond the cursor, with finished claims waiting for an earlier one", async () => {
    const sql = pgExecutor(pool);
    const [open, finished] = await insertClaims(
      sql,
      base.destinationId,
      [
        { firstSeq: 101, lastSeq: 164 },
        { firstSeq: 165, lastSeq: 174 },
      ],
      1,
    );
    await commitJournal(sql, {
      destinationId: base.destinationId,
      progress: new Map(),
      doneMasks: new Map([[open!.id, maskOf(open!, [101, 150, 164])]]),
      errorRecords: [],
      finished: [{ claimId: finished!.id, status: "delivered", attempts: 1 }],
      storeCursor: true,
      cursor: 100,
      streak: 0,
      errorMessage: null,
    });
    // 3 marked in the open claim and the finished claim's 10; the 1–64 claim above is behind the cursor (and gone).
    expect((await doneBeyondCursor(t.db, { destinationId: base.destinationId })).get(base.destinationId)).toBe(13);
    expect((await doneBeyondCursor(t.db, { organisationId: base.organisationId })).get(base.destinationId)).toBe(13);
    expect(
      await t.db.deliveryClaim.count({ where: { destinationId: base.destinationId, lastSeq: { lte: 100 } } }),
    ).toBe(0);
  });
});
