import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { log } from "@/lib/log";
import { keyPrefix, producerRedis, waitUntilReady } from "@/lib/redis/connection";

// Counters every web process shares through Redis (rate-limiter-flexible's atomic Lua scripts), so
// two processes, or a restart, count the same attempts. One limiter per name, built on first use
// (tests set REDIS_URL and the key prefix before).

export interface LimiterRule {
  /** Part of the Redis key: `<prefix>:throttle:<name>:<key>`. */
  name: string;
  points: number;
  durationSeconds: number;
}

const limiters = new Map<string, RateLimiterRedis>();

export async function limiterFor(rule: LimiterRule): Promise<RateLimiterRedis> {
  const id = `${keyPrefix()}:throttle:${rule.name}`;
  const cacheKey = `${id}|${rule.points}|${rule.durationSeconds}`;
  let limiter = limiters.get(cacheKey);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: producerRedis(),
      keyPrefix: id,
      points: rule.points,
      duration: rule.durationSeconds,
      rejectIfRedisNotReady: true,
    });
    limiters.set(cacheKey, limiter);
  }
  await waitUntilReady(producerRedis());
  return limiter;
}

/** A refusal from the limiter (the caller is over its limit), as opposed to a Redis failure. */
export function isLimitReached(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}

export function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * Redis down must not take sign-in or Send Test down with it: the limit is skipped (fails open) and
 * the outage is logged. Limits protect everyone's share; an outage is already everyone's problem.
 */
export function logLimiterOutage(error: unknown, what: string): void {
  log.warn({ err: error, limiter: what }, "rate limiter unavailable; request let through unthrottled");
}
