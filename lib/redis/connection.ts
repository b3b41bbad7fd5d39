import { Redis, type RedisOptions } from "ioredis";

// BullMQ's production guide: producers fail fast when Redis is down (enableOfflineQueue: false),
// workers wait for it forever (maxRetriesPerRequest: null) so they resume after an outage.
const PRODUCER_OPTIONS: RedisOptions = Object.freeze({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const WORKER_OPTIONS: RedisOptions = Object.freeze({ maxRetriesPerRequest: null, enableReadyCheck: true });

export type RedisRole = "producer" | "worker";

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set. Start Flowgate with `npm start`, or set REDIS_URL.");
  return url;
}

/** Every key Flowgate writes starts with this, so tests and several installs can share one Redis. */
export function keyPrefix(): string {
  return process.env.FLOWGATE_REDIS_PREFIX ?? "flowgate";
}

export function createRedis(role: RedisRole, url = redisUrl()): Redis {
  return new Redis(url, {
    ...(role === "worker" ? WORKER_OPTIONS : PRODUCER_OPTIONS),
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

const holder = globalThis as unknown as { flowgateRedis?: Redis };

/** The process-wide producer connection (web app, API routes). */
export function producerRedis(): Redis {
  holder.flowgateRedis ??= createRedis("producer");
  return holder.flowgateRedis;
}

const READY_TIMEOUT_MS = 2_000;

/**
 * The producer connection refuses commands until connected (enableOfflineQueue: false): a web
 * request that needs Redis waits up to 2 s for it, then goes on (and its command fails fast).
 */
export async function waitUntilReady(redis: Redis, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    }
    redis.once("ready", done);
  });
}
