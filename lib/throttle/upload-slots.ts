import { tooManyRequests } from "@/lib/errors";
import { keyPrefix, producerRedis, waitUntilReady } from "@/lib/redis/connection";
import { logLimiterOutage } from "./redis-limiter";

// Uploads one organisation may run at once, counted in Redis so every web process shares the
// count. A slot left by a process that died expires with the key (refreshed on each take).

const SLOT_TTL_SECONDS = 60 * 60;

export function uploadsPerOrganisation(): number {
  const raw = process.env.FLOWGATE_UPLOADS_PER_ORGANISATION?.trim();
  const value = raw ? Number(raw) : 2;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`FLOWGATE_UPLOADS_PER_ORGANISATION must be a whole number above 0 (got "${raw}").`);
  return value;
}

const slotKey = (organisationId: string) => `${keyPrefix()}:throttle:uploads:${organisationId}`;

async function takeSlot(key: string, limit: number): Promise<"taken" | "full" | "unavailable"> {
  const redis = producerRedis();
  try {
    await waitUntilReady(redis);
    const results = await redis.multi().incr(key).expire(key, SLOT_TTL_SECONDS).exec();
    if (Number(results?.[0]?.[1]) <= limit) return "taken";
    await redis.decr(key);
    return "full";
  } catch (error) {
    logLimiterOutage(error, "uploads");
    return "unavailable";
  }
}

/**
 * Runs `work` holding one of the organisation's upload slots, given back in this function's
 * `finally`; with none free, a 429 before any byte is read. Redis down: runs unbounded (logged).
 */
export async function withUploadSlot<T>(organisationId: string, work: () => Promise<T>): Promise<T> {
  const key = slotKey(organisationId);
  const limit = uploadsPerOrganisation();
  const slot = await takeSlot(key, limit);
  if (slot === "full") throw tooManyRequests(`Too many uploads at once for this organisation (${limit})`, 10);
  try {
    return await work();
  } finally {
    if (slot === "taken")
      await producerRedis()
        .decr(key)
        .catch((error: unknown) => logLimiterOutage(error, "uploads"));
  }
}
