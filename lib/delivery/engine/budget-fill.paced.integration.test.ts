import { describe, expect, it } from "vitest";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { RATE_LIMIT_WINDOW_EDGE_MS, RATE_LIMIT_WINDOW_MS as WINDOW_MS } from "@/lib/rate-limit/rate-limit-settings";
import type { RecordedRequest } from "@/sandbox/state/sandbox-app";
import {
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

// Calls in flight follow Intercom's answer time (call-window.ts). With a fixed 16 calls in flight,
// 300 ms answers allowed 53 calls a second: half of this budget (100 a second). Windows are the
// sandbox's own, aligned to the wall clock like Intercom's.

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture), {
  env: { FLOWGATE_DELIVERY_RECONCILE_MS: "1000" },
});

const BUDGET = 1_000;

/** POST /contacts the sandbox accepted in [from, until), by the tag in the contact's email. */
function acceptedByTag(requests: RecordedRequest[], from: number, until: number): Map<string, number> {
  const byTag = new Map<string, number>();
  for (const request of requests) {
    const at = Date.parse(request.time);
    if (request.path !== "/contacts" || at < from || at >= until || request.status !== 200) continue;
    const tag = /-([a-z]+)@/.exec((request.body as { email?: string }).email ?? "")?.[1] ?? "?";
    byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
  }
  return byTag;
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

async function destinationFor(credentialId: string, records: number, tag: string): Promise<string> {
  const nexsetId = await createNexsetWithRecords(f, contactRecords(records, 0, tag));
  return createDestination(f, { nexsetId, credentialId });
}

describe("filling the budget at real answer times", () => {
  it("one destination uses ≥ 90% of the budget within 30 s when Intercom answers in 300 ms", async () => {
    // The window under way at activation is partial. Calls granted in its last second count in the
    // next window too (RATE_LIMIT_WINDOW_EDGE_MS: they may reach Intercom after the end), so the first
    // whole window gives up as many calls as that second carried; the second whole window is the
    // steady state.
    const { credentialId, appId } = await createSandboxCredential(f, {
      rateLimitPer10s: BUDGET,
      sandboxRateLimitPer10s: BUDGET,
    });
    f.sandbox.setFaults({ appId, latencyMs: 300 });
    const destinationId = await destinationFor(credentialId, 3_500, "solo");
    hooks.startWorker();
    const startedAt = Date.now();
    await activateDestination(f.db, f.organisationId, destinationId);
    // The next two windows are whole and end within 30 s.
    const from = Math.ceil(startedAt / WINDOW_MS) * WINDOW_MS;
    await sleepUntil(from + 2 * WINDOW_MS + 500);
    const requests = f.sandbox.requests(appId);
    const edgeSecond = sum(acceptedByTag(requests, from - RATE_LIMIT_WINDOW_EDGE_MS, from));
    expect(sum(acceptedByTag(requests, from, from + WINDOW_MS))).toBeGreaterThanOrEqual(0.9 * BUDGET - edgeSecond);
    expect(sum(acceptedByTag(requests, from + WINDOW_MS, from + 2 * WINDOW_MS))).toBeGreaterThanOrEqual(0.9 * BUDGET);
    expect(requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(0.01 * requests.length);
  });

  it("two destinations on one credential share its budget about equally and use it all", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, {
      rateLimitPer10s: BUDGET,
      sandboxRateLimitPer10s: BUDGET,
    });
    f.sandbox.setFaults({ appId, latencyMs: 300 });
    const ids = [await destinationFor(credentialId, 2_500, "left"), await destinationFor(credentialId, 2_500, "right")];
    hooks.startWorker();
    const startedAt = Date.now();
    for (const id of ids) await activateDestination(f.db, f.organisationId, id);
    const from = Math.ceil(startedAt / WINDOW_MS) * WINDOW_MS;
    await sleepUntil(from + 2 * WINDOW_MS + 500);
    const requests = f.sandbox.requests(appId);
    const accepted = acceptedByTag(requests, from, from + 2 * WINDOW_MS);
    const left = accepted.get("left") ?? 0;
    const right = accepted.get("right") ?? 0;
    // All of it in the steady state (the first whole window may give up its edge second, as above).
    expect(sum(acceptedByTag(requests, from + WINDOW_MS, from + 2 * WINDOW_MS))).toBeGreaterThanOrEqual(0.9 * BUDGET);
    // An equal share is half; neither may fall below 0.8 of the other.
    expect(Math.min(left, right) / Math.max(left, right)).toBeGreaterThanOrEqual(0.8);
    expect(requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(0.01 * requests.length);
  });

  it("destinations ramping up late in Intercom's window bring no burst of 429s in the next windows", async () => {
    // Started 7 s into Intercom's window, the runs still have budget when it ends, so calls go out at
    // full speed across its end. One granted just before the end reaches Intercom just after it and
    // counts in the next window: unless our budget counts it there too, the next window's full
    // budget overshoots Intercom's and a burst of 429s follows (budget-scripts.ts).
    const { credentialId, appId } = await createSandboxCredential(f, {
      rateLimitPer10s: BUDGET,
      sandboxRateLimitPer10s: BUDGET,
    });
    f.sandbox.setFaults({ appId, latencyMs: 200 });
    const ids: string[] = [];
    for (const tag of ["north", "south", "west"]) ids.push(await destinationFor(credentialId, 2_000, tag));
    await sleepUntil(
      Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + (Date.now() % WINDOW_MS < 7_000 ? 7_000 : 17_000),
    );
    hooks.startWorker();
    const startedAt = Date.now();
    for (const id of ids) await activateDestination(f.db, f.organisationId, id);
    const from = Math.ceil(startedAt / WINDOW_MS) * WINDOW_MS;
    await sleepUntil(from + 2 * WINDOW_MS + 500);
    const calls = f.sandbox.requests(appId).filter((request) => {
      const at = Date.parse(request.time);
      return request.path === "/contacts" && at >= from && at < from + 2 * WINDOW_MS;
    });
    expect(calls.filter((request) => request.status === 429).length).toBeLessThanOrEqual(0.01 * calls.length);
    // Calls granted in the partial window's last second count in the first whole one too (some of them
    // land before its start, so it may fall short); the second whole window is full again.
    const second = calls.filter((request) => Date.parse(request.time) >= from + WINDOW_MS && request.status === 200);
    expect(second.length).toBeGreaterThanOrEqual(0.9 * BUDGET);
  });

  it("a latency spike (2 s for 20 s) loses no record, sends none twice and brings no flood of 429s", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, {
      rateLimitPer10s: BUDGET,
      sandboxRateLimitPer10s: BUDGET,
    });
    f.sandbox.setFaults({ appId, latencyMs: 50 });
    const records = 3_000;
    const destinationId = await destinationFor(credentialId, records, "spike");
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    f.sandbox.setFaults({ appId, latencyMs: 2_000 });
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    f.sandbox.setFaults({ appId, latencyMs: 50 });
    const progress = await waitFor(
      hooks.progressOf(destinationId),
      (p) => p.processed === records,
      60_000,
      "every record after the spike",
    );
    expect(progress).toMatchObject({ delivered: records, errorRecords: 0 });
    const requests = f.sandbox.requests(appId);
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(records);
    expect(requests.filter((r) => r.path === "/contacts" && r.status === 200)).toHaveLength(records);
    expect(requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(0.01 * requests.length);
  });
});
