import { type Command, Redis } from "ioredis";
import type { WriteableStream } from "ioredis/built/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshRedisPrefix, redisUrl } from "@/test/fresh-database";
import { BudgetDispenser } from "./budget-dispenser";
import { acquireBudget, blockBudget, budgetKey, correctBudget, readBudget } from "./credential-budget";

let redis: Redis;
let other: Redis;
beforeAll(() => {
  process.env.FLOWGATE_REDIS_PREFIX = freshRedisPrefix();
  redis = new Redis(redisUrl());
  other = new Redis(redisUrl());
});
afterAll(() => {
  redis.disconnect();
  other.disconnect();
});

let n = 0;
const credential = () => `cred-${++n}`;

describe("the shared per-credential budget", () => {
  it("grants up to the limit per window, then says how long until the window ends", async () => {
    const id = credential();
    expect((await acquireBudget(redis, id, 3, 5)).granted).toBe(3);
    const second = await acquireBudget(redis, id, 5, 5);
    expect(second.granted).toBe(2);
    expect(second.waitMs).toBeGreaterThan(9_000);
    expect(second.waitMs).toBeLessThanOrEqual(10_000);
    expect(await readBudget(redis, id)).toMatchObject({ limit: 5, used: 5, remaining: 0 });
  });

  it("never grants more than the limit to connections racing for it (as worker processes do)", async () => {
    const id = credential();
    const grants = await Promise.all(
      Array.from({ length: 40 }, (_, i) => acquireBudget(i % 2 ? redis : other, id, 7, 100)),
    );
    expect(grants.reduce((sum, g) => sum + g.granted, 0)).toBe(100);
  });

  it("lowers our remaining to what Intercom reports and adopts its reset time", async () => {
    const id = credential();
    await acquireBudget(redis, id, 10, 1_000);
    // Intercom says only 4 left, and the window ends in 1.5 s (before its last second: calls granted
    // then would count in the next window too).
    await correctBudget(redis, id, { limit: 1_000, remaining: 4, resetAt: Date.now() + 1_500 }, 1_000);
    expect(await readBudget(redis, id)).toMatchObject({ limit: 14, used: 10, remaining: 4 });
    expect((await acquireBudget(redis, id, 10, 1_000)).granted).toBe(4);
    const waiting = await acquireBudget(redis, id, 1, 1_000);
    expect(waiting.granted).toBe(0);
    expect(waiting.waitMs).toBeLessThanOrEqual(1_500);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    // The next window starts on Intercom's phase, with the full budget again.
    expect((await acquireBudget(redis, id, 2_000, 1_000)).granted).toBe(1_000);
  });

  it("moves its window end to Intercom's reset when ours runs seconds later, but not for a second of rounding", async () => {
    // Our window began at our first call, 3 s into Intercom's: without the move, calls would wait
    // 3 s into Intercom's next window.
    const id = credential();
    const first = await acquireBudget(redis, id, 1, 100);
    await correctBudget(redis, id, { limit: 100, remaining: 50, resetAt: first.windowEndsAt - 3_000 }, 100);
    expect((await readBudget(redis, id)).windowEndsAt).toBe(first.windowEndsAt - 3_000);

    const rounded = credential();
    const own = await acquireBudget(redis, rounded, 1, 100);
    await correctBudget(redis, rounded, { limit: 100, remaining: 50, resetAt: own.windowEndsAt - 600 }, 100);
    expect((await readBudget(redis, rounded)).windowEndsAt).toBe(own.windowEndsAt);
  });

  it("learns a lower X-RateLimit-Limit for later windows, and a 429 blocks until the reset", async () => {
    const id = credential();
    await acquireBudget(redis, id, 1, 1_666);
    await correctBudget(redis, id, { limit: 50, remaining: 49, resetAt: Date.now() + 300 }, 1_666);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await acquireBudget(redis, id, 500, 1_666)).granted).toBe(50);

    const blocked = credential();
    await blockBudget(redis, blocked, Date.now() + 500, 100);
    expect((await acquireBudget(redis, blocked, 1, 100)).granted).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await acquireBudget(redis, blocked, 1, 100)).granted).toBe(1);
  });

  it("counts a call granted in the last moments of a window in the next window too", async () => {
    // Granted 300 ms before the end, a call may reach Intercom after it: Intercom then counts it in
    // the next window, so ours must too, or the next window's full budget overshoots Intercom's.
    const id = credential();
    await acquireBudget(redis, id, 0, 5);
    await correctBudget(redis, id, { limit: 5, remaining: 5, resetAt: Date.now() + 300 }, 5);
    const late = await acquireBudget(redis, id, 3, 5);
    expect(late.granted).toBe(3);
    expect(late.usableUntil).toBe(late.windowEndsAt);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const next = await acquireBudget(redis, id, 10, 5);
    expect(next.granted).toBe(2);
    // Granted well before the end: to be used before the edge, after which it could land uncounted.
    expect(next.usableUntil).toBeLessThan(next.windowEndsAt);
  });

  it("ignores a report from a window that has already ended", async () => {
    const id = credential();
    await acquireBudget(redis, id, 1, 10);
    await correctBudget(redis, id, { limit: 10, remaining: 0, resetAt: Date.now() - 1 }, 10);
    expect((await acquireBudget(redis, id, 20, 10)).granted).toBe(9);
  });

  it("the dispenser queues callers in order and releases them when the window resets", async () => {
    const id = credential();
    const dispenser = new BudgetDispenser(redis, id, 3);
    const order: number[] = [];
    const takes = Array.from({ length: 5 }, (_, i) => dispenser.take().then(() => order.push(i)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual([0, 1, 2]);
    // Another process learns the window ends in 400 ms: the waiting callers notice within a second.
    const resetAt = Date.now() + 400;
    await correctBudget(other, id, { limit: 3, remaining: 0, resetAt }, 3);
    await Promise.all(takes);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(Date.now() - resetAt).toBeLessThan(1_200);
    const aborted = new AbortController();
    const pending = dispenser.take(aborted.signal);
    aborted.abort();
    await expect(pending).rejects.toThrow(/Aborted/);
    dispenser.close();
  });

  it("folds a steady stream of Intercom's headers into Redis every 200 ms at most, and an urgent one at once", async () => {
    const id = credential();
    const observed = new CorrectionCounter(redisUrl(), budgetKey(id));
    const dispenser = new BudgetDispenser(observed, id, 1_000);
    try {
      const resetAt = Date.now() + 5_000;
      const started = Date.now();
      for (let i = 0; Date.now() - started < 600; i++) {
        dispenser.report({ limit: 1_000, remaining: 900 - i, resetAt });
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The first report (a window not seen yet) goes at once, then one every 200 ms: 4 or 5, not one per round trip.
      expect(observed.corrections).toBeGreaterThanOrEqual(3);
      expect(observed.corrections).toBeLessThanOrEqual(6);
      const before = observed.corrections;
      dispenser.report({ limit: 1_000, remaining: 3, resetAt });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(observed.corrections).toBe(before + 1);
    } finally {
      dispenser.close();
      observed.disconnect();
    }
  });
});

/** A real Redis connection that counts the scripts run on one budget key (the dispenser's corrections here). */
class CorrectionCounter extends Redis {
  corrections = 0;
  constructor(
    url: string,
    private readonly key: string,
  ) {
    super(url);
  }

  override sendCommand(command: Command, stream?: WriteableStream): unknown {
    if ((command.name === "evalsha" || command.name === "eval") && command.args.some((arg) => arg === this.key))
      this.corrections++;
    return super.sendCommand(command, stream);
  }
}
