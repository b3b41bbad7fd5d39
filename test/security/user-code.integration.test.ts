import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import {
  contactPostsByEmail,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  setupDeliveryFixture,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { spawnWorkerProcess, type WorkerProcess } from "@/test/delivery/worker-process";
import { appendRecords } from "@/lib/nexsets/append-records";

// Issue 7 item 4, end to end: one real worker process delivers a normal destination while two others
// run hostile grouping code — an infinite loop, and BigInt work that QuickJS's time limit cannot
// interrupt. The normal one delivers every record promptly; the hostile ones end as error records
// naming the time limit; the worker keeps serving afterwards.

const LOOP = "(records) => { while (true) {} }";
const BIGINT =
  "(records) => { let n = 0; for (let i = 0; i < 50; i++) n += (7n ** 300000n).toString().length; return { n }; }";

let f: DeliveryFixture;
let worker: WorkerProcess;

beforeAll(async () => {
  f = await setupDeliveryFixture();
  worker = spawnWorkerProcess(f.env);
  await worker.ready;
}, 90_000);
afterAll(async () => {
  await worker?.kill("SIGKILL");
  await f?.close();
});

const codeBatching = (code: string) => ({ batching: { enabled: true, size: 4, algorithm: "code" as const, code } });
const progressOf = (destinationId: string) => () => getDeliveryProgress(f.db, f.organisationId, destinationId);

describe("hostile grouping code in one worker process", () => {
  it("delivers the normal destination in full while the hostile ones end as error records naming the time limit", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const good = contactRecords(30, 0, "good");
    const goodId = await createDestination(f, { nexsetId: await createNexsetWithRecords(f, good), credentialId });
    const loopId = await createDestination(f, {
      nexsetId: await createNexsetWithRecords(f, contactRecords(12, 0, "loop")),
      credentialId,
      config: codeBatching(LOOP),
    });
    const bigintId = await createDestination(f, {
      nexsetId: await createNexsetWithRecords(f, contactRecords(12, 0, "big")),
      credentialId,
      config: codeBatching(BIGINT),
    });

    const started = Date.now();
    for (const id of [loopId, bigintId, goodId]) await activateDestination(f.db, f.organisationId, id);
    await waitFor(progressOf(goodId), (p) => p.delivered === 30, 30_000, "the normal destination's 30 records");
    const goodMs = Date.now() - started;

    for (const id of [loopId, bigintId]) {
      const progress = await waitFor(
        progressOf(id),
        (p) => p.processed === 12,
        60_000,
        "the hostile destination's 12 records to end",
      );
      expect(progress).toMatchObject({ delivered: 0, errorRecords: expect.any(Number) });
      const errors = await f.db.errorRecord.findMany({ where: { destinationId: id } });
      expect(errors.reduce((n, e) => n + e.lastSeq - e.firstSeq + 1, 0)).toBe(12);
      for (const error of errors)
        expect(error.reason).toBe("The grouping code failed: Your code ran longer than 1000 ms");
    }
    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of good) expect(posts.get(record.email as string)).toEqual([200]);
    // Nothing of the hostile destinations reached Intercom.
    expect([...posts.keys()].filter((email) => !email.includes("-good@"))).toEqual([]);
    console.log(`normal destination delivered 30 records in ${goodMs} ms beside the hostile ones`);
    expect(goodMs).toBeLessThan(20_000);
  });

  it("keeps serving: records appended afterwards are delivered by the same worker", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(3, 0, "before"));
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.delivered === 3, 20_000, "3 records");
    await appendRecords(f.db, nexsetId, contactRecords(4, 0, "after"));
    await notifyRecordsAppended(nexsetId, f.db);
    await waitFor(progressOf(destinationId), (p) => p.delivered === 7, 20_000, "7 records");
    expect(contactPostsByEmail(f.sandbox, appId).size).toBe(7);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.output()).not.toMatch(/"level":(50|60)/);
  });
});
