import type { Redis } from "ioredis";
import { keyPrefix } from "@/lib/redis/connection";
import { ACQUIRE_LUA, CORRECT_LUA, READ_LUA, RELEASE_LUA } from "./budget-scripts";
import { RATE_LIMIT_WINDOW_EDGE_MS, RATE_LIMIT_WINDOW_MS } from "./rate-limit-settings";

// The shared per-credential budget in Redis (see budget-scripts.ts). Only ids and counts are
// stored: never a token.

export interface BudgetGrant {
  granted: number;
  /** The window's budget (after corrections). */
  cap: number;
  /** How long until the window ends, when fewer than asked were granted. */
  waitMs: number;
  windowEndsAt: number;
  /** The granted calls must be made before this (ms since the epoch): later they could land in the next window uncounted. */
  usableUntil: number;
}

export interface BudgetState {
  /** Calls allowed in the current window (0 when no window is open). */
  limit: number;
  used: number;
  remaining: number;
  windowEndsAt: number | null;
}

export interface RateLimitReport {
  limit: number;
  remaining: number;
  /** ms since the epoch. */
  resetAt: number;
}

type BudgetRedis = Redis & {
  flowgateBudgetAcquire(
    state: string,
    learned: string,
    n: number,
    limit: number,
    windowMs: number,
    edgeMs: number,
  ): Promise<number[]>;
  flowgateBudgetCorrect(state: string, learned: string, ...args: number[]): Promise<number[]>;
  flowgateBudgetRead(state: string): Promise<number[]>;
  flowgateBudgetRelease(state: string, n: number, windowEnd: number): Promise<number>;
};

const defined = new WeakSet<Redis>();

function scripts(redis: Redis): BudgetRedis {
  if (!defined.has(redis)) {
    redis.defineCommand("flowgateBudgetAcquire", { numberOfKeys: 2, lua: ACQUIRE_LUA });
    redis.defineCommand("flowgateBudgetCorrect", { numberOfKeys: 2, lua: CORRECT_LUA });
    redis.defineCommand("flowgateBudgetRead", { numberOfKeys: 1, lua: READ_LUA, readOnly: true });
    redis.defineCommand("flowgateBudgetRelease", { numberOfKeys: 1, lua: RELEASE_LUA });
    defined.add(redis);
  }
  return redis as BudgetRedis;
}

export function budgetKey(credentialId: string): string {
  return `${keyPrefix()}:ratelimit:${credentialId}`;
}

const learnedKey = (credentialId: string) => `${budgetKey(credentialId)}:learned`;

/** Takes up to `n` calls from the credential's current window. */
export async function acquireBudget(
  redis: Redis,
  credentialId: string,
  n: number,
  limitPer10s: number,
): Promise<BudgetGrant> {
  const reply = await scripts(redis).flowgateBudgetAcquire(
    budgetKey(credentialId),
    learnedKey(credentialId),
    n,
    limitPer10s,
    RATE_LIMIT_WINDOW_MS,
    RATE_LIMIT_WINDOW_EDGE_MS,
  );
  return {
    granted: Number(reply[0]),
    waitMs: Number(reply[1]),
    windowEndsAt: Number(reply[2]),
    cap: Number(reply[3]),
    usableUntil: Number(reply[5]),
  };
}

/** Gives back calls taken but not made, if their window is still the current one. */
export async function releaseBudget(
  redis: Redis,
  credentialId: string,
  n: number,
  windowEndsAt: number,
): Promise<number> {
  return Number(await scripts(redis).flowgateBudgetRelease(budgetKey(credentialId), n, windowEndsAt));
}

/** Lowers our remaining budget to what Intercom reported, and aligns the window with its reset. */
export async function correctBudget(
  redis: Redis,
  credentialId: string,
  report: RateLimitReport,
  limitPer10s: number,
): Promise<void> {
  await scripts(redis).flowgateBudgetCorrect(
    budgetKey(credentialId),
    learnedKey(credentialId),
    report.limit,
    report.remaining,
    report.resetAt,
    limitPer10s,
    RATE_LIMIT_WINDOW_MS,
  );
}

/** After a 429: nothing more until `untilMs` (Intercom's reset). */
export function blockBudget(redis: Redis, credentialId: string, untilMs: number, limitPer10s: number): Promise<void> {
  return correctBudget(redis, credentialId, { limit: 0, remaining: 0, resetAt: untilMs }, limitPer10s);
}

export async function readBudget(redis: Redis, credentialId: string): Promise<BudgetState> {
  const [windowEnd = 0, cap = 0, used = 0] = (await scripts(redis).flowgateBudgetRead(budgetKey(credentialId))).map(
    Number,
  );
  if (windowEnd === 0) return { limit: 0, used: 0, remaining: 0, windowEndsAt: null };
  return { limit: cap, used, remaining: Math.max(0, cap - used), windowEndsAt: windowEnd };
}
