import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { redisUrl } from "@/test/fresh-database";
import { createSandboxCredential, type DeliveryFixture, deliveryTestLifecycle } from "@/test/delivery/delivery-fixture";
import { CallWindow } from "./call-window";
import { loadDeliverySettings } from "./delivery-settings";
import { sendRecordRequest } from "./send-record-request";

// The send path against the sandbox, through a real call window and budget: a caller that stops
// while a call is handed to it (the call still holding its slot) gets the slot given back.

let f: DeliveryFixture;
deliveryTestLifecycle((fixture) => (f = fixture));
let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisUrl());
});
afterAll(async () => {
  redis.disconnect();
  await closeIntercomDispatcher();
});

describe("sendRecordRequest", () => {
  it("gives the call slot back when its caller stops at a call (return), as at the end of the steps", async () => {
    const { credentialId, token } = await createSandboxCredential(f, { rateLimitPer10s: 1_000 });
    const permits = new CallWindow(1);
    const budget = new BudgetDispenser(redis, credentialId, 1_000);
    const run = new AbortController();
    const steps = sendRecordRequest({
      request: {
        method: "POST",
        url: `${f.sandbox.url}/contacts`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "stopped@example.com" }),
        recordIndexes: [0],
        warnings: [],
      },
      seqs: [1],
      sync: undefined,
      callMeta: { organisationId: f.organisationId, destinationId: "d", configVersion: 1, kind: "delivery" },
      send: {
        redis,
        budget,
        credentialId,
        destinationId: "d",
        baseUrl: f.sandbox.url,
        token,
        version: "2.14",
        limitPer10s: 1_000,
        settings: loadDeliverySettings(),
        permits,
        waitSignal: run.signal,
        hardSignal: run.signal,
      },
      attempts: 0,
      jobSpec: undefined,
    });
    const step = await steps.next();
    expect(step.done).toBe(false);
    expect(step.value).toMatchObject({ kind: "call", row: { responseStatus: 200 } });
    // The call is handed on while it holds the window's one slot.
    await expect(permits.acquire(AbortSignal.timeout(100))).rejects.toThrow();
    expect(await steps.return()).toEqual({ done: true, value: { kind: "abandoned" } });
    await permits.acquire(AbortSignal.timeout(1_000));
    budget.close();
  });
});
