import type { Redis } from "ioredis";
import { keyPrefix } from "@/lib/redis/connection";

// Workers announce themselves in a sorted set scored by the time of their last beat;
// a worker is alive when it beat within the last HEARTBEAT_TTL_MS.
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TTL_MS = 15_000;

const key = () => `${keyPrefix()}:workers`;

export async function beat(redis: Redis, workerId: string, now = Date.now()): Promise<void> {
  await redis
    .multi()
    .zadd(key(), now, workerId)
    .zremrangebyscore(key(), 0, now - 10 * HEARTBEAT_TTL_MS)
    .exec();
}

export async function forget(redis: Redis, workerId: string): Promise<void> {
  await redis.zrem(key(), workerId);
}

export async function liveWorkers(redis: Redis, now = Date.now()): Promise<string[]> {
  return redis.zrangebyscore(key(), now - HEARTBEAT_TTL_MS, "+inf");
}
