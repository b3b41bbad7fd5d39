import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WindowCounter } from "./rate-limit";
import { errorCodes, startTestSandbox, type TestSandbox } from "./test-support";

describe("WindowCounter", () => {
  it("counts within a 10 s window aligned to the clock and starts afresh at the boundary", () => {
    const counter = new WindowCounter();
    const start = 1_700_000_000_000; // a multiple of 10 s
    expect(counter.consume(start + 1_000, 2)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetAt: 1_700_000_010,
    });
    expect(counter.consume(start + 9_999, 2)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 0,
      resetAt: 1_700_000_010,
    });
    expect(counter.consume(start + 9_999, 2).allowed).toBe(false);
    expect(counter.consume(start + 10_000, 2)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetAt: 1_700_000_020,
    });
  });
});

describe("rate limiting over HTTP", () => {
  const BUDGET = 5;
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({}, { rateLimitPer10s: BUDGET });
  });
  afterAll(() => t.sandbox.close());

  /** Waits until a window has just begun, so a burst cannot straddle a boundary. */
  async function startOfWindow(): Promise<void> {
    const intoWindow = Date.now() % 10_000;
    if (intoWindow > 6_000) await new Promise((r) => setTimeout(r, 10_000 - intoWindow + 20));
  }

  it("carries the headers on every authenticated answer, answers 429 past the budget, and resets with the window", async () => {
    await startOfWindow();
    const windowEnd = (Math.floor(Date.now() / 10_000) + 1) * 10;
    const answers = [];
    for (let i = 0; i < BUDGET + 2; i++) answers.push(await t.call("GET", i % 2 ? "/me" : "/nope"));
    answers.slice(0, BUDGET).forEach((a, i) => {
      expect(a.headers.get("x-ratelimit-limit")).toBe(String(BUDGET));
      expect(a.headers.get("x-ratelimit-remaining")).toBe(String(BUDGET - 1 - i));
      expect(a.headers.get("x-ratelimit-reset")).toBe(String(windowEnd));
    });
    for (const refused of answers.slice(BUDGET)) {
      expect(refused.status).toBe(429);
      expect(errorCodes(refused.body)).toEqual(["rate_limit_exceeded"]);
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(refused.headers.get("x-ratelimit-reset")).toBe(String(windowEnd));
    }
    await new Promise((r) => setTimeout(r, windowEnd * 1000 - Date.now() + 20));
    const next = await t.call("GET", "/me");
    expect(next.status).toBe(200);
    expect(next.headers.get("x-ratelimit-remaining")).toBe(String(BUDGET - 1));
    expect(next.headers.get("x-ratelimit-reset")).toBe(String(windowEnd + 10));
  }, 25_000);

  it("keeps each app's budget to itself, and a fault can change it", async () => {
    await startOfWindow();
    const other = t.sandbox.createApp({ name: "Other", rateLimitPer10s: 100 });
    const call = (token: string) => fetch(`${t.sandbox.url}/me`, { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < BUDGET; i++) await call(t.token);
    expect((await call(t.token)).status).toBe(429);
    expect((await call(other.token)).headers.get("x-ratelimit-limit")).toBe("100");
    t.sandbox.setFaults({ appId: other.appId, rateLimitPer10s: 1 });
    expect((await call(other.token)).status).toBe(429);
  }, 15_000);
});
