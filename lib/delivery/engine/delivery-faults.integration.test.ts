import { describe, expect, it } from "vitest";
import { queue } from "@/lib/queue/queues";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import {
  contactPostsByEmail,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture), {
  env: {
    FLOWGATE_DELIVERY_BACKOFF_BASE_MS: "50",
    FLOWGATE_DELIVERY_BACKOFF_MAX_MS: "400",
    FLOWGATE_DELIVERY_MAX_ATTEMPTS: "12",
    FLOWGATE_DELIVERY_RECONCILE_MS: "1000",
  },
});

const progressOf = hooks.progressOf;

describe("delivery under faults", () => {
  it("delivers every record through 20% 5xx and 5% connection resets, re-sending only calls that got no 2xx", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, errorRate: 0.2, errorStatus: 503, resetRate: 0.05 });
    const records = contactRecords(150);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = await waitFor(
      progressOf(destinationId),
      (p) => p.processed === 150,
      45_000,
      "150 records through faults",
    );
    expect(progress).toMatchObject({ delivered: 150, errorRecords: 0 });

    const posts = contactPostsByEmail(f.sandbox, appId);
    expect(posts.size).toBe(150);
    let failedCalls = 0;
    for (const record of records) {
      const statuses = posts.get(record.email as string)!;
      // Exactly one 2xx, and it is the last call for that record: nothing was sent after it.
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.at(-1)).toBe(200);
      for (const status of statuses.slice(0, -1)) expect(status === null || status === 503).toBe(true);
      failedCalls += statuses.length - 1;
    }
    expect(failedCalls).toBeGreaterThan(10);
    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.size;
    expect(contacts).toBe(150);
    const retried = await f.db.deliveryCall.count({ where: { destinationId, outcome: "retry" } });
    expect(retried).toBe(failedCalls);
  });

  it("rides out a 429 storm: nothing lost, no job failed, calls resume at the window's reset", async () => {
    // Flowgate believes it may send 1,000 per window; the app allows 6. The headers correct it.
    const { credentialId, appId } = await createSandboxCredential(f, {
      rateLimitPer10s: 1_000,
      sandboxRateLimitPer10s: 6,
    });
    const records = contactRecords(16);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.processed === 16, 45_000, "16 records through a 429 storm");

    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of records) expect(posts.get(record.email as string)!.filter((s) => s === 200)).toHaveLength(1);
    const requests = f.sandbox.requests(appId).filter((r) => r.path === "/contacts");
    const accepted = requests.filter((r) => r.status === 200);
    const limited = requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // Every 2xx falls in a window (wall-clock 10 s) that had budget left: at most 6 per window.
    const perWindow = new Map<number, number>();
    for (const r of accepted)
      perWindow.set(
        Math.floor(Date.parse(r.time) / 10_000),
        (perWindow.get(Math.floor(Date.parse(r.time) / 10_000)) ?? 0) + 1,
      );
    for (const count of perWindow.values()) expect(count).toBeLessThanOrEqual(6);
    // The first burst (16 calls at once, before any answer) meets 429s; once Intercom's headers have
    // corrected the budget, later windows are used exactly, with no 429 at all: a record meets a 429
    // only on its first try (the burst may straddle two of Intercom's windows, so count by record).
    for (const record of records) expect([[200], [429, 200]]).toContainEqual(posts.get(record.email as string));
    const windowOf = (r: { time: string }) => Math.floor(Date.parse(r.time) / 10_000);
    const firstWindow = windowOf(requests[0]!);
    expect(perWindow.size).toBeGreaterThanOrEqual(3);
    // Waiting ends at the reset: each later window's first call comes right after it starts.
    for (const window of [...perWindow.keys()].filter((w) => w !== firstWindow)) {
      const first = requests.find((r) => windowOf(r) === window)!;
      expect(Date.parse(first.time) - window * 10_000).toBeLessThan(1_500);
    }
    // 429s used no attempts and failed no job.
    const calls = await f.db.deliveryCall.findMany({
      where: { destinationId },
      select: { outcome: true, attempt: true },
    });
    expect(calls.filter((c) => c.outcome === "success").every((c) => c.attempt === 1)).toBe(true);
    expect(calls.filter((c) => c.outcome === "rate_limited").length).toBe(limited.length);
    const counts = await queue("delivery").getJobCounts("failed");
    expect(counts.failed).toBe(0);
    expect(await f.db.errorRecord.count({ where: { destinationId } })).toBe(0);
  });
});
