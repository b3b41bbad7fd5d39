import { afterAll, describe, expect, it } from "vitest";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import { appendRecords, type JsonRecord } from "@/lib/nexsets/append-records";
import {
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  setupDeliveryFixture,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { spawnWorkerProcess, type WorkerProcess } from "@/test/delivery/worker-process";

// Issue 18 item 3: a poison-record run. Thirty contacts of 8 MB each (a CRM export with every call
// transcript pasted into a notes field) sit in one destination's Nexset. A claim used to load 64
// records at once: 240 MB in a worker capped at 256 MB, which died, restarted, claimed them again
// and died again, stopping every tenant on it. Now the worker, a real process with its usual heap
// cap, keeps serving another destination and turns each too-large record into an error record.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const EIGHT_MB = 8 * 1024 * 1024;

function transcript(i: number): string {
  const line = `2024-03-${String((i % 28) + 1).padStart(2, "0")} call with support, ticket #${4000 + i}: customer asked about invoices, plan limits and SSO; agent followed up by email. `;
  return line.repeat(Math.ceil(EIGHT_MB / line.length)).slice(0, EIGHT_MB);
}

function heavyContacts(count: number): JsonRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    email: `heavy${i}@example.com`,
    name: `Heavy ${i}`,
    external_id: `crm-${9000 + i}`,
    signed_up: "2023-11-0" + ((i % 9) + 1),
    notes: transcript(i),
  }));
}

describe("a poison-record run", () => {
  it("keeps a real worker serving another destination while 30 records of 8 MB become error records", async () => {
    const f: DeliveryFixture = await setupDeliveryFixture();
    cleanups.push(() => f.close());
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });

    const poisonNexset = await createNexsetWithRecords(f, []);
    // A few at a time, so this test's own process stays small.
    for (let i = 0; i < 30; i += 3) await appendRecords(f.db, poisonNexset, heavyContacts(30).slice(i, i + 3));
    const poison = await createDestination(f, { nexsetId: poisonNexset, credentialId });
    const healthyRecords = contactRecords(20);
    const healthy = await createDestination(f, {
      nexsetId: await createNexsetWithRecords(f, healthyRecords),
      credentialId,
    });

    const worker: WorkerProcess = spawnWorkerProcess({ ...f.env, FLOWGATE_DELIVERY_RECONCILE_MS: "1000" });
    cleanups.push(() => worker.kill("SIGKILL"));
    await worker.ready;
    await activateDestination(f.db, f.organisationId, poison);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await activateDestination(f.db, f.organisationId, healthy);

    const progress = (id: string) => () => getDeliveryProgress(f.db, f.organisationId, id);
    const served = await waitFor(progress(healthy), (p) => p.processed === 20, 60_000, "the other destination");
    expect(served.processed).toBe(20);
    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.all();
    expect(new Set(contacts.map((c) => c.email))).toEqual(new Set(healthyRecords.map((r) => r.email)));

    await waitFor(progress(poison), (p) => p.processed === 30, 60_000, "the poison records to be settled");
    const errors = await f.db.errorRecord.findMany({ where: { destinationId: poison }, orderBy: { firstSeq: "asc" } });
    expect(errors.map((e) => [e.firstSeq, e.lastSeq])).toEqual(Array.from({ length: 30 }, (_, i) => [i + 1, i + 1]));
    for (const error of errors)
      expect(error.reason).toMatch(/^The record is 8\.0 MB as JSON, over the 2\.0 MB a record may be to be sent/);
    // None of them was sent, and the worker never died.
    expect(f.sandbox.requests(appId).filter((r) => r.path === "/contacts")).toHaveLength(20);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.child.signalCode).toBeNull();
    expect(worker.output()).not.toMatch(/heap out of memory/i);
  }, 180_000);
});
