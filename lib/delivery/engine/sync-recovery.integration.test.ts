import { afterAll, describe, expect, it } from "vitest";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import { appendRecords, type JsonRecord } from "@/lib/nexsets/append-records";
import {
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  setupDeliveryFixture,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { spawnWorkerProcess, type WorkerProcess } from "@/test/delivery/worker-process";

// "Create or update a contact" survives a worker killed with SIGKILL mid-sequence: the restarted
// worker re-runs what was not committed, which finds each contact by its identifier (Intercom's
// 409 names it) instead of creating it again.

const WORKER_ENV = {
  FLOWGATE_DELIVERY_CONCURRENCY: "8",
  FLOWGATE_DELIVERY_RECONCILE_MS: "1000",
  WORKER_CONCURRENCY: "4",
};
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const people = (count: number, offset: number, plan: string): JsonRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    external_id: `crm-${offset + i}`,
    email: `p${offset + i}@example.com`,
    name: `P${offset + i} ${plan}`,
  }));

describe("sync recovery", () => {
  it("kill -9 of the worker mid-run still ends with 1,100 contacts, no duplicates, all with the new values", async () => {
    const f: DeliveryFixture = await setupDeliveryFixture();
    cleanups.push(() => f.close());
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, people(1000, 0, "free"));
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { endpointId: "sync.contacts.upsert", urlTemplate: "/contacts", syncIdentifier: "external_id" },
    });
    const spawn = () => {
      const worker: WorkerProcess = spawnWorkerProcess({ ...f.env, ...WORKER_ENV });
      cleanups.push(() => worker.kill("SIGKILL"));
      return worker;
    };
    const progress = () => getDeliveryProgress(f.db, f.organisationId, destinationId);
    const first = spawn();
    await first.ready;
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progress, (p) => p.processed >= 1000, 60_000, "first 1,000 records");

    // The re-sync, slowed so the kill lands mid-sequence (between a 409 and its PUT, for some).
    f.sandbox.setFaults({ appId, latencyMs: 40, searchIndexLagMs: 60_000 });
    await appendRecords(f.db, nexsetId, people(1100, 0, "pro"));
    await notifyRecordsAppended(nexsetId, f.db);
    await waitFor(progress, (p) => p.processed >= 1200, 60_000, "200 records of the re-sync");
    await first.kill("SIGKILL");
    expect((await progress()).processed).toBeLessThan(2100);

    const second = spawn();
    await second.ready;
    await waitFor(progress, (p) => p.processed === 2100 && p.inFlight === 0, 90_000, "all 2,100 records");
    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.all();
    expect(contacts).toHaveLength(1100);
    expect(new Set(contacts.map((c) => c.externalId)).size).toBe(1100);
    expect(contacts.filter((c) => !c.name?.endsWith("pro"))).toEqual([]);
    expect((await progress()).errorRecords).toBe(0);
    expect(await second.kill("SIGTERM")).toBe(0);
  });
});
