import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { log } from "@/lib/log";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import type { CallRow } from "./call-record";
import { ClaimLedger } from "./claim-ledger";
import { insertClaims } from "./claim-store";
import { DeliveryJournal } from "./delivery-journal";
import { commitJournal } from "./delivery-sql";
import { FailureStreak } from "./failure-streak";
import { takeRunFence } from "./destination-lock";
import { pgExecutor } from "@/lib/db/sql-executor";

// One runner means one runner: a run whose lock went away (its connection dropped, another worker
// took the destination) must not commit anything after the next run started.

let t: TestDatabase;
let pool: pg.Pool;
let destinationId: string;
let organisationId: string;
beforeAll(async () => {
  t = await freshDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const org = await t.db.organisation.create({ data: { name: "Fence" } });
  organisationId = org.id;
  const source = await t.db.source.create({ data: { organisationId, kind: "webhook", name: "s" } });
  const nexset = await t.db.nexset.create({ data: { organisationId, sourceId: source.id, name: "n" } });
  const credential = await t.db.credential.create({
    data: { organisationId, name: "c", region: "sandbox", tokenCiphertext: "x", tokenKeyId: "k", tokenLast4: "abcd" },
  });
  const destination = await t.db.destination.create({
    data: { organisationId, nexsetId: nexset.id, credentialId: credential.id, name: "d", config: {}, status: "active" },
  });
  destinationId = destination.id;
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

const errorRow = (firstSeq: number) => ({
  organisationId,
  destinationId,
  firstSeq,
  lastSeq: firstSeq,
  reason: "Intercom answered 400",
  configVersion: 1,
});

describe("the run's fencing token", () => {
  it("a commit carrying an old run's token writes nothing; the current run's commits go through", async () => {
    const sql = pgExecutor(pool);
    const oldRun = await takeRunFence(t.db, destinationId);
    const [claim] = await insertClaims(sql, destinationId, [{ firstSeq: 1, lastSeq: 10 }], 1);
    const newRun = await takeRunFence(t.db, destinationId);
    expect(newRun).toBe(oldRun + 1);
    const finishing = (fence: number) =>
      commitJournal(sql, {
        destinationId,
        progress: new Map(),
        doneMasks: new Map(),
        errorRecords: [errorRow(3)],
        finished: [{ claimId: claim!.id, status: "error", attempts: 1 }],
        storeCursor: true,
        cursor: 10,
        streak: 0,
        errorMessage: null,
        fence,
      });

    expect(await finishing(oldRun)).toBe(false);
    expect(await t.db.deliveryClaim.findUniqueOrThrow({ where: { id: claim!.id } })).toMatchObject({
      status: "in_flight",
    });
    expect(await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({
      deliveredThroughSeq: 0,
    });
    expect(await t.db.errorRecord.count({ where: { destinationId } })).toBe(0);

    expect(await finishing(newRun)).toBe(true);
    expect(await t.db.deliveryClaim.count({ where: { id: claim!.id } })).toBe(0);
    expect(await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({
      deliveredThroughSeq: 10,
    });
    expect(await t.db.errorRecord.count({ where: { destinationId } })).toBe(1);
  });

  it("a journal that finds another run's token stops committing and lets its claims go", async () => {
    const sql = pgExecutor(pool);
    const fence = await takeRunFence(t.db, destinationId);
    const [first, second] = await insertClaims(
      sql,
      destinationId,
      [
        { firstSeq: 11, lastSeq: 20 },
        { firstSeq: 21, lastSeq: 30 },
      ],
      1,
    );
    const journal = new DeliveryJournal({
      db: t.db,
      pool,
      destinationId,
      ledger: new ClaimLedger(10, 30),
      streak: new FailureStreak(0, 50, new AbortController()),
      fence,
      responseNexsetId: () => null,
      log,
    });
    await journal.finish({
      claimId: first!.id,
      range: { firstSeq: 11, lastSeq: 20 },
      status: "delivered",
      attempts: 1,
      errorRecords: [],
      responses: [],
      answered: 10,
    });
    expect((await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).deliveredThroughSeq).toBe(20);

    await takeRunFence(t.db, destinationId);
    // The claim's finish returns (the run is not left hanging) but is not committed.
    await journal.finish({
      claimId: second!.id,
      range: { firstSeq: 21, lastSeq: 30 },
      status: "delivered",
      attempts: 1,
      errorRecords: [errorRow(25)],
      responses: [],
      answered: 10,
    });
    await journal.drain();
    expect(journal.fencedOut).toBe(true);
    expect((await journal.lostFence).message).toMatch(/took this destination over/);
    // The second claim's answers were let go: the next run sends its 10 records again.
    expect(journal.uncommitted.letGo).toBe(10);
    expect(await t.db.deliveryClaim.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      status: "in_flight",
    });
    expect((await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).deliveredThroughSeq).toBe(20);
    expect(await t.db.errorRecord.count({ where: { destinationId, firstSeq: 25 } })).toBe(0);
  });

  it("appends a claim's response records in the commit that finishes it, and none once the fence is lost", async () => {
    const sql = pgExecutor(pool);
    const source = await t.db.source.create({ data: { organisationId, kind: "webhook", name: "responses" } });
    const responses = await t.db.nexset.create({ data: { organisationId, sourceId: source.id, name: "r" } });
    const fence = await takeRunFence(t.db, destinationId);
    const [first, second] = await insertClaims(
      sql,
      destinationId,
      [
        { firstSeq: 31, lastSeq: 40 },
        { firstSeq: 41, lastSeq: 50 },
      ],
      1,
    );
    const journal = new DeliveryJournal({
      db: t.db,
      pool,
      destinationId,
      ledger: new ClaimLedger(30, 50),
      streak: new FailureStreak(0, 50, new AbortController()),
      fence,
      responseNexsetId: () => responses.id,
      log,
    });
    const finish = (claimId: bigint, firstSeq: number) =>
      journal.finish({
        claimId,
        range: { firstSeq, lastSeq: firstSeq + 9 },
        status: "delivered",
        attempts: 1,
        errorRecords: [],
        responses: [{ answered: firstSeq }],
        answered: 10,
      });
    const appended = () =>
      t.db.nexsetRecord.findMany({
        where: { nexsetId: responses.id },
        orderBy: { seq: "asc" },
        select: { data: true },
      });

    await finish(first!.id, 31);
    expect(await appended()).toEqual([{ data: { answered: 31 } }]);
    expect(await t.db.nexset.findUniqueOrThrow({ where: { id: responses.id } })).toMatchObject({ recordCount: 1 });
    expect((await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).deliveredThroughSeq).toBe(40);

    await takeRunFence(t.db, destinationId);
    await finish(second!.id, 41);
    await journal.drain();
    expect(journal.fencedOut).toBe(true);
    expect(await appended()).toHaveLength(1);
    expect(await t.db.nexset.findUniqueOrThrow({ where: { id: responses.id } })).toMatchObject({ recordCount: 1 });
    expect(await t.db.deliveryClaim.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      status: "in_flight",
    });
  });

  it("keeps in the activity log every call a fenced-out run made, committing none of its claims", async () => {
    const sql = pgExecutor(pool);
    const fence = await takeRunFence(t.db, destinationId);
    const [claim] = await insertClaims(sql, destinationId, [{ firstSeq: 51, lastSeq: 60 }], 1);
    const journal = new DeliveryJournal({
      db: t.db,
      pool,
      destinationId,
      ledger: new ClaimLedger(50, 60),
      streak: new FailureStreak(0, 50, new AbortController()),
      fence,
      responseNexsetId: () => null,
      log,
    });
    const call = (seq: number): CallRow => ({
      organisationId,
      destinationId,
      kind: "delivery",
      firstSeq: seq,
      lastSeq: seq,
      recordCount: 1,
      configVersion: 1,
      attempt: 1,
      method: "POST",
      url: "https://api.intercom.io/contacts",
      requestHeaders: { "content-type": "application/json" },
      requestBody: `{"seq":${seq}}`,
      responseStatus: 200,
      responseBody: '{"id":"1"}',
      outcome: "success",
      latencyMs: 5,
    });

    await takeRunFence(t.db, destinationId);
    const finished = journal.finish({
      claimId: claim!.id,
      range: { firstSeq: 51, lastSeq: 60 },
      status: "delivered",
      attempts: 1,
      errorRecords: [],
      responses: [],
      answered: 10,
    });
    // Calls answered while the commit that finds the fence lost is on its way, then one after it.
    journal.recordCall(call(51));
    journal.recordCall(call(52));
    await finished;
    await journal.lostFence;
    journal.recordCall(call(53));
    await journal.drain();

    const logged = await t.db.deliveryCall.findMany({
      where: { destinationId, firstSeq: { gte: 51, lte: 60 } },
      select: { firstSeq: true },
    });
    expect(logged.map((row) => row.firstSeq).sort()).toEqual([51, 52, 53]);
    expect(journal.uncommitted.letGo).toBe(10);
    expect(await t.db.deliveryClaim.findUniqueOrThrow({ where: { id: claim!.id } })).toMatchObject({
      status: "in_flight",
    });
    expect((await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).deliveredThroughSeq).toBe(40);
  });
});
