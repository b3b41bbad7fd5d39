import type { Redis } from "ioredis";
import type { ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { DomainError, isDomainError } from "@/lib/errors";
import { waitUntilReady } from "@/lib/redis/connection";
import { getRateLimitUsage, type RateLimitFigures } from "./progress-and-timeline";

// The rate-limit panel's read, made safe for a web process: the producer connection refuses
// commands until it is connected (enableOfflineQueue: false), so a first request waits briefly for
// it, and a Redis outage answers 503 with a message instead of a 500.

export type RateLimitUsageReading =
  | (RateLimitFigures & {
      /** Milliseconds until the window resets, by this server's clock. */
      resetInMs: number | null;
    })
  | { visible: false; personalTo: string };

export async function readRateLimitUsage(
  db: Db,
  redis: Redis,
  viewer: ViewerArg,
  destinationId: string,
  now = Date.now(),
): Promise<RateLimitUsageReading> {
  await waitUntilReady(redis);
  try {
    const usage = await getRateLimitUsage(db, redis, viewer, destinationId);
    if (!usage.visible) return usage;
    const resetInMs = usage.windowEndsAt ? Math.max(0, usage.windowEndsAt.getTime() - now) : null;
    return { ...usage, resetInMs };
  } catch (error) {
    // Only Redis failures become a 503; the database's own errors keep their usual handling.
    if (isDomainError(error) || (error instanceof Error && error.name.startsWith("PrismaClient"))) throw error;
    throw new DomainError(
      "rate_limit_unavailable",
      "The rate-limit budget can't be read right now (Redis did not answer). Delivery resumes when it is back.",
      { status: 503 },
    );
  }
}
