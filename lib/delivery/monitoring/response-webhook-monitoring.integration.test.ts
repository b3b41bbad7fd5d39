import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { sendIntercomRequest } from "@/lib/connectors/intercom/client";
import { listDeliveryCalls } from "./activity-log";
import { recordTestCall } from "@/lib/delivery/engine/call-record";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { getDeliveryTimeline, getRateLimitUsage } from "./progress-and-timeline";
import { findResponseSource } from "@/lib/delivery/response-webhook";
import { RATE_LIMIT_WINDOW_MS } from "@/lib/rate-limit/rate-limit-settings";
import {
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

const progressOf = hooks.progressOf;

describe("response webhook", () => {
  it("appends every API response, once, to the destination's response-webhook Nexset, without the token", async () => {
    const { credentialId, token, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, errorRate: 0.3, errorStatus: 500 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(12));
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { responseWebhook: { enabled: true } },
    });
    expect(await findResponseSource(f.db, destinationId)).toBeNull();
    process.env.FLOWGATE_DELIVERY_BACKOFF_BASE_MS = "20";
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const source = await findResponseSource(f.db, destinationId);
    expect(source).not.toBeNull();
    expect(await f.db.source.findUniqueOrThrow({ where: { id: source!.sourceId } })).toMatchObject({
      kind: "response_webhook",
      originDestinationId: destinationId,
    });
    await waitFor(progressOf(destinationId), (p) => p.processed === 12, 20_000, "12 records");

    const rows = await f.db.nexsetRecord.findMany({ where: { nexsetId: source!.nexsetId }, orderBy: { seq: "asc" } });
    // One record per finished call (the retried 500s are in the activity log, not here).
    expect(rows).toHaveLength(12);
    const carried = rows.flatMap((r) => (r.data as { record_seqs: number[] }).record_seqs).sort((a, b) => a - b);
    expect(carried).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const sample = rows[0]!.data as Record<string, unknown>;
    expect(sample).toMatchObject({
      status: 200,
      outcome: "success",
      destination_id: destinationId,
      request: { method: "POST" },
    });
    expect((sample.body as { id: string; type: string }).type).toBe("contact");
    expect((sample.headers as Record<string, string>)["x-ratelimit-limit"]).toBeDefined();
    expect(JSON.stringify(rows.map((r) => r.data))).not.toContain(token);
    expect((await f.db.nexset.findUniqueOrThrow({ where: { id: source!.nexsetId } })).recordCount).toBe(12);
  });
});

describe("monitoring", () => {
  it("reports progress, per-minute outcomes, the budget in use and a filterable activity log", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 500 });
    f.sandbox.setFaults({ appId, errorRate: 0.25, errorStatus: 502 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(20));
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    // The budget counts calls per 10 s window aligned to the clock, as Intercom does: started at a
    // window's start, the run's calls all fall in one window (it takes a second or two).
    await new Promise((resolve) =>
      setTimeout(resolve, RATE_LIMIT_WINDOW_MS - (Date.now() % RATE_LIMIT_WINDOW_MS) + 50),
    );
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.processed === 20, 20_000, "20 records");

    const calls = await f.db.deliveryCall.findMany({ where: { destinationId } });
    const timeline = await getDeliveryTimeline(f.db, f.organisationId, destinationId, { minutes: 5 });
    expect(timeline).toHaveLength(5);
    const totals = timeline.reduce(
      (sum, m) => ({
        calls: sum.calls + m.calls,
        records: sum.records + m.records,
        s2: sum.s2 + m.status2xx,
        s5: sum.s5 + m.status5xx,
      }),
      { calls: 0, records: 0, s2: 0, s5: 0 },
    );
    expect(totals).toEqual({ calls: calls.length, records: 20, s2: 20, s5: calls.length - 20 });

    const redis = new Redis(f.env.REDIS_URL!);
    try {
      const usage = await getRateLimitUsage(f.db, redis, f.organisationId, destinationId);
      if (!usage.visible) throw new Error("an organisational connection's budget is shown to everyone");
      expect(usage).toMatchObject({ credentialId, limitPer10s: 500 });
      // Every call made in the window under way counts in it (on a slow machine the run may spill into the next one).
      const windowStart = usage.windowEndsAt
        ? usage.windowEndsAt.getTime() - RATE_LIMIT_WINDOW_MS
        : Number.POSITIVE_INFINITY;
      const callsInWindow = calls.filter((call) => call.createdAt.getTime() >= windowStart).length;
      expect(usage.used).toBeGreaterThanOrEqual(callsInWindow);
      expect(usage.remaining).toBe(usage.windowLimit - usage.used);
    } finally {
      redis.disconnect();
    }

    f.sandbox.clearFaults(appId);
    const test = await sendIntercomRequest({ method: "GET", baseUrl: f.sandbox.url, path: "/me", token });
    await recordTestCall(f.db, { organisationId: f.organisationId, destinationId, configVersion: 1, result: test });
    const page1 = await listDeliveryCalls(f.db, f.organisationId, destinationId, { limit: 10 });
    expect(page1.items).toHaveLength(10);
    expect(page1.items[0]!.kind).toBe("test");
    const page2 = await listDeliveryCalls(f.db, f.organisationId, destinationId, {
      limit: 100,
      cursor: page1.nextCursor!,
    });
    expect(page1.items.length + page2.items.length).toBe(calls.length + 1);
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((c) => BigInt(c.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    const retries = await listDeliveryCalls(f.db, f.organisationId, destinationId, { outcome: "retry" });
    expect(retries.items.every((c) => c.outcome === "retry" && c.responseStatus === 502)).toBe(true);
    expect(retries.items).toHaveLength(Math.min(25, calls.length - 20));
    const tests = await listDeliveryCalls(f.db, f.organisationId, destinationId, { kind: "test" });
    expect(tests.items).toHaveLength(1);
    expect(JSON.stringify(tests.items)).not.toContain(token);
    await expect(
      listDeliveryCalls(f.db, f.organisationId, destinationId, { outcome: "nope" as "retry" }),
    ).rejects.toMatchObject({ code: "bad_input" });
  });
});
