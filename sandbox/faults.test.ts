import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSandbox, errorCodes, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
let other: { appId: string; token: string };

beforeAll(async () => {
  // Lag 0: a search showing that a failed request stored nothing would prove nothing while the
  // index lags. The lag itself is tested in contact-identity.test.ts.
  t = await startTestSandbox({ searchIndexLagMs: 0 });
  other = t.sandbox.createApp({ name: "Bystander" });
});
afterAll(() => t.sandbox.close());

const callOther = () => callSandbox(t.sandbox.url, "GET", "/me", { token: other.token });

describe("fault injection", () => {
  it("errorRate 1 answers every request with errorStatus in error.list form, for that app only", async () => {
    t.sandbox.setFaults({ appId: t.appId, errorRate: 1, errorStatus: 503 });
    for (let i = 0; i < 5; i++) {
      const result = await t.call("POST", "/contacts", { body: { email: `f${i}@example.com` } });
      expect(result.status).toBe(503);
      expect(result.body).toMatchObject({ type: "error.list", errors: [{ code: "service_unavailable" }] });
      expect(result.headers.get("x-ratelimit-limit")).not.toBeNull();
    }
    expect((await callOther()).status).toBe(200);
    expect(
      (await t.call("POST", "/contacts/search", { body: { query: { field: "email", operator: "~", value: "f" } } }))
        .status,
    ).toBe(503);
    t.sandbox.clearFaults(t.appId);
    expect(
      (await t.call("POST", "/contacts/search", { body: { query: { field: "email", operator: "^", value: "f" } } }))
        .body,
    ).toMatchObject({ total_count: 0 });
  });

  it("defaults errorStatus to 500 and applies to every app when no appId is given", async () => {
    t.sandbox.setFaults({ errorRate: 1 });
    const [mine, theirs] = [await t.call("GET", "/me"), await callOther()];
    expect([mine.status, theirs.status]).toEqual([500, 500]);
    expect(errorCodes(mine.body)).toEqual(["server_error"]);
    t.sandbox.clearFaults();
    expect((await t.call("GET", "/me")).status).toBe(200);
  });

  it("resetRate 1 destroys the connection without an answer, and records it", async () => {
    t.sandbox.setFaults({ appId: t.appId, resetRate: 1 });
    await expect(t.call("POST", "/contacts", { body: { email: "reset@example.com" } })).rejects.toThrow();
    const recorded = t.sandbox.requests(t.appId).at(-1);
    expect(recorded).toMatchObject({ method: "POST", path: "/contacts", status: null });
    t.sandbox.clearFaults(t.appId);
    expect((await t.call("GET", "/contacts/find_by_external_id/none")).status).toBe(404);
    expect(
      (
        await t.call("POST", "/contacts/search", {
          body: { query: { field: "email", operator: "=", value: "reset@example.com" } },
        })
      ).body,
    ).toMatchObject({ total_count: 0 });
  });

  it("latencyMs delays the answer", async () => {
    t.sandbox.setFaults({ appId: t.appId, latencyMs: 300 });
    const started = Date.now();
    expect((await t.call("GET", "/me")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const quick = Date.now();
    await callOther();
    expect(Date.now() - quick).toBeLessThan(250);
    t.sandbox.clearFaults(t.appId);
  });

  it("is configurable over the admin API", async () => {
    const res = await t.sandbox.admin.call("POST", "/faults", { appId: t.appId, errorRate: 1, errorStatus: 502 });
    expect(await res.json()).toMatchObject({ appId: t.appId, faults: { errorRate: 1, errorStatus: 502 } });
    expect((await t.call("GET", "/me")).status).toBe(502);
    const bad = await t.sandbox.admin.call("POST", "/faults", { errorRate: 2 });
    expect(bad.status).toBe(400);
    await t.sandbox.admin.clearFaults(t.appId);
    expect((await t.call("GET", "/me")).status).toBe(200);
  });
});
