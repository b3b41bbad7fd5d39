import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileSource } from "@/lib/sources/file/create-file-source";
import { ingestFile } from "@/lib/sources/file/ingest-file";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { appendRecords } from "./append-records";
import { getNexsetView } from "./get-nexset-view";
import { getSampleRecords } from "./get-sample-records";
import { beginLoad, loadBatch, reconcileAbandonedLoads } from "./staged-load";

// Issue 18 item 5: an upload goes in a short transaction per batch, yet users see all of it or none.

let t: TestDatabase;
let orgId: string;

beforeAll(async () => {
  t = await freshDatabase();
  orgId = (await t.db.organisation.create({ data: { name: "Acme" } })).id;
});
afterAll(() => t.drop());

const row = (i: number) => `${i},user${i}@example.com,"Pro, annual",2024-03-0${(i % 9) + 1},\n`;

/** A CSV export that sends `before` rows, waits for `release()`, then the rest (a bad row last if asked). */
function pausedCsv(before: number, after: number, badLast: boolean) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const stream = Readable.from(
    (async function* () {
      yield Buffer.from(`id,email,plan,signed_up,company\n`);
      for (let i = 1; i <= before; i += 1_000)
        yield Buffer.from(Array.from({ length: 1_000 }, (_, k) => row(i + k)).join(""));
      await released;
      yield Buffer.from(Array.from({ length: after }, (_, k) => row(before + 1 + k)).join(""));
      if (badLast) yield Buffer.from(`${before + after + 1},broken@example.com,pro,2024-03-01,,EXTRA\n`);
    })(),
  );
  return { stream, release };
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out waiting");
}

/** Waits until the count stops moving (the loader is waiting for the sender). */
async function settled(count: () => Promise<number>): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const now = await count();
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("never settled");
}

/** Transactions open in the test database other than this query's own. */
async function openTransactions(): Promise<number> {
  const rows = await t.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`;
  return Number(rows[0]!.n);
}

describe("uploads in short transactions", () => {
  it("keeps a loading upload invisible, holds no transaction between batches, and keeps nothing of a bad row near the end", async () => {
    const { sourceId, nexsetId } = await createFileSource(t.db, orgId, { name: "Contacts" });
    await appendRecords(t.db, nexsetId, [{ id: "0", email: "first@example.com" }]);
    const csv = pausedCsv(20_000, 9_000, true);
    const upload = ingestFile({
      db: t.db,
      organisationId: orgId,
      sourceId,
      fileName: "export.csv",
      stream: csv.stream,
    });
    upload.catch(() => undefined);

    // 20,000 rows are in the table (committed batch by batch) while the sender is paused…
    await waitFor(async () => (await t.db.nexsetRecord.count({ where: { nexsetId } })) >= 15_001);
    await settled(() => t.db.nexsetRecord.count({ where: { nexsetId } }));
    expect(await openTransactions()).toBe(0);
    // …yet every reader sees only the record that was there before.
    const view = await getNexsetView(t.db, orgId, nexsetId, { order: "desc" });
    expect(view.total).toBe(1);
    expect(view.records.map((r) => r.seq)).toEqual([1]);
    expect(await getSampleRecords(t.db, orgId, nexsetId)).toEqual([{ id: "0", email: "first@example.com" }]);
    const nexset = await t.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } });
    expect(nexset.recordCount).toBe(1); // what the delivery engine claims up to
    // Another append would number its records among the upload's: it is refused until the upload ends.
    await expect(appendRecords(t.db, nexsetId, [{ id: "x" }])).rejects.toMatchObject({
      code: "upload_in_progress",
      status: 409,
    });

    csv.release();
    await expect(upload).rejects.toThrow(/^line 29002/);
    expect(await t.db.nexsetRecord.count({ where: { nexsetId } })).toBe(1);
    expect(await t.db.nexsetLoad.count()).toBe(0);
    expect((await t.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } })).recordCount).toBe(1);

    // The next upload numbers on from the record that was there.
    const next = await ingestFile({
      db: t.db,
      organisationId: orgId,
      sourceId,
      fileName: "fixed.csv",
      stream: Readable.from([`id,email,plan,signed_up,company\n${row(1)}${row(2)}`]),
    });
    expect(next).toMatchObject({ recordsAdded: 2, firstSeq: 2, lastSeq: 3 });
  });

  it("shows a new source's upload only once all of it is in", async () => {
    const csv = pausedCsv(12_000, 3_000, false);
    const upload = ingestFile({ db: t.db, organisationId: orgId, fileName: "new.csv", stream: csv.stream });
    await waitFor(async () => (await t.db.nexsetLoad.count()) === 1);
    const load = await t.db.nexsetLoad.findFirstOrThrow({ select: { nexsetId: true } });
    await waitFor(async () => (await t.db.nexsetRecord.count({ where: { nexsetId: load.nexsetId } })) >= 10_000);
    expect((await getNexsetView(t.db, orgId, load.nexsetId)).records).toEqual([]);
    expect(await getSampleRecords(t.db, orgId, load.nexsetId)).toEqual([]);

    csv.release();
    const result = await upload;
    expect(result).toMatchObject({ recordsAdded: 15_000, firstSeq: 1, lastSeq: 15_000 });
    const view = await getNexsetView(t.db, orgId, load.nexsetId, { order: "desc" });
    expect(view.total).toBe(15_000);
    expect(view.records[0]!.data).toMatchObject({ id: 15000, email: "user15000@example.com" });
    expect(view.attributes.map((a) => a.name)).toEqual(["id", "email", "plan", "signed_up", "company"]);
  });

  it("cleans up a load whose process died: its records, and the source it created", async () => {
    const existing = await createFileSource(t.db, orgId, { name: "Existing" });
    const created = await createFileSource(t.db, orgId, { name: "Created by the upload" });
    const dead = await beginLoad(t.db, existing.nexsetId);
    await loadBatch(t.db, dead, [{ id: "1" }, { id: "2" }]);
    await t.db.nexsetLoad.create({ data: { nexsetId: created.nexsetId, baseSeq: 0, createdSource: true } });

    expect(await reconcileAbandonedLoads(t.db)).toBe(0); // still fresh: a live upload is left alone
    expect(await reconcileAbandonedLoads(t.db, 0)).toBe(2);
    expect(await t.db.nexsetRecord.count({ where: { nexsetId: existing.nexsetId } })).toBe(0);
    expect(await t.db.source.findUnique({ where: { id: created.sourceId } })).toBeNull();
    expect(await t.db.source.findUnique({ where: { id: existing.sourceId } })).not.toBeNull();
    // The writer, had it survived, writes nothing more.
    await expect(loadBatch(t.db, dead, [{ id: "3" }])).rejects.toThrow(/abandoned/);
    expect(await t.db.nexsetRecord.count({ where: { nexsetId: existing.nexsetId } })).toBe(0);
    await expect(appendRecords(t.db, existing.nexsetId, [{ id: "a" }])).resolves.toEqual({ firstSeq: 1, lastSeq: 1 });
  });
});
