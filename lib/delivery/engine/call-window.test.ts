import { describe, expect, it } from "vitest";
import { CallWindow, callsInFlightFor, INITIAL_CALLS_IN_FLIGHT } from "./call-window";

const DEFAULT_RATE = 1_666 / 10;

describe("callsInFlightFor", () => {
  it("keeps rate × answer time in flight, with headroom, so the budget is filled at any latency", () => {
    for (const latencyMs of [10, 200, 500, 2_000]) {
      const calls = callsInFlightFor(DEFAULT_RATE, latencyMs, 10_000);
      // Calls a second these allow at that answer time: at least the whole budget.
      expect((calls * 1000) / latencyMs).toBeGreaterThanOrEqual(DEFAULT_RATE);
      expect(calls).toBeLessThanOrEqual(Math.ceil(((DEFAULT_RATE * latencyMs) / 1000) * 2) + 2);
    }
  });

  it("never goes above the ceiling nor below one", () => {
    expect(callsInFlightFor(DEFAULT_RATE, 2_000, 64)).toBe(64);
    expect(callsInFlightFor(0, 0, 64)).toBeGreaterThanOrEqual(1);
    expect(callsInFlightFor(DEFAULT_RATE, 500, 1)).toBe(1);
  });
});

describe("CallWindow", () => {
  it("starts small and widens as slow answers are observed, up to its ceiling", () => {
    const window = new CallWindow(300);
    expect(window.size).toBe(INITIAL_CALLS_IN_FLIGHT);
    for (let i = 0; i < 50; i++) window.observe(500, DEFAULT_RATE);
    expect(window.size).toBe(callsInFlightFor(DEFAULT_RATE, 500, 300));
    expect(window.size).toBeGreaterThan(DEFAULT_RATE * 0.5);
    for (let i = 0; i < 50; i++) window.observe(5_000, DEFAULT_RATE);
    expect(window.size).toBe(300);
  });

  it("narrows again when answers speed up, without cutting off calls already holding a slot", async () => {
    const window = new CallWindow(300);
    for (let i = 0; i < 50; i++) window.observe(1_000, DEFAULT_RATE);
    const wide = window.size;
    for (let i = 0; i < wide; i++) await window.acquire();
    for (let i = 0; i < 400; i++) window.observe(20, DEFAULT_RATE);
    expect(window.size).toBeLessThan(wide / 4);
    // Every holder releases; only then may new calls start, and only `size` of them.
    for (let i = 0; i < wide; i++) window.release();
    let started = 0;
    for (let i = 0; i < window.size + 5; i++) void window.acquire().then(() => started++);
    await Promise.resolve();
    expect(started).toBe(window.size);
    expect(window.waiting).toBe(5);
  });

  it("tells whoever waits on nextRoom once fewer calls wait than the window holds, not at every release", async () => {
    const window = new CallWindow(2);
    expect(window.size).toBe(2);
    await window.acquire();
    await window.acquire();
    // Four calls wait for the two slots.
    const waiters = Array.from({ length: 4 }, () => window.acquire());
    let woken = 0;
    void window.nextRoom().then(() => woken++);
    window.release(); // 3 wait: no room yet
    window.release(); // 2 wait: still as many as the window holds
    await Promise.resolve();
    expect(woken).toBe(0);
    window.release(); // 1 waits: room for a call not yet claimed
    await Promise.resolve();
    expect(woken).toBe(1);
    window.release();
    await Promise.all(waiters);
  });

  it("tells nextRoom when the window grows past the calls waiting", async () => {
    const window = new CallWindow(300);
    for (let i = 0; i < window.size; i++) await window.acquire();
    const waiters = Array.from({ length: 20 }, () => window.acquire());
    let woken = 0;
    void window.nextRoom().then(() => woken++);
    await Promise.resolve();
    expect(woken).toBe(0);
    // Slow answers widen the window: the waiters get slots, and the run may claim more.
    for (let i = 0; i < 50; i++) window.observe(500, DEFAULT_RATE);
    await Promise.all(waiters);
    expect(woken).toBe(1);
  });
});
