import type { Redis } from "ioredis";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { liveWorkers } from "./worker-heartbeat";

export type ComponentStatus = "ok" | "down";
export interface HealthReport {
  status: "ok" | "degraded";
  database: ComponentStatus;
  redis: ComponentStatus;
  worker: ComponentStatus;
  problems?: string[];
}

const TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS),
    ),
  ]);
}

// The producer connection fails fast while it is still connecting (no offline queue), so the
// first health check of a fresh process waits for it rather than calling Redis down.
async function pingWhenReady(redis: Redis): Promise<string> {
  if (redis.status === "connecting" || redis.status === "connect" || redis.status === "reconnecting") {
    await new Promise<void>((resolve) => {
      redis.once("ready", resolve);
      setTimeout(resolve, TIMEOUT_MS).unref();
    });
  }
  return redis.ping();
}

export async function checkHealth(db: Db, redis: Redis): Promise<HealthReport> {
  const problems: string[] = [];
  // The answer is public: a driver's own words (hosts, ports, user names) go to the log only.
  const down = (component: "database" | "redis") => (error: unknown) => {
    log.warn({ err: error, component }, "health check: component down");
    problems.push(`${component}: not reachable`);
    return "down" as const;
  };
  const database = await withTimeout(db.$queryRaw`SELECT 1`, "PostgreSQL").then(() => "ok" as const, down("database"));
  let workers: string[] = [];
  const redisStatus = await withTimeout(pingWhenReady(redis), "Redis").then(() => "ok" as const, down("redis"));
  if (redisStatus === "ok") workers = await withTimeout(liveWorkers(redis), "Redis").catch(() => []);
  const worker = workers.length > 0 ? "ok" : "down";
  if (worker === "down")
    problems.push("worker: no worker process has reported in the last 15 s (is `npm run worker` running?)");
  const allOk = database === "ok" && redisStatus === "ok" && worker === "ok";
  return { status: allOk ? "ok" : "degraded", database, redis: redisStatus, worker, ...(allOk ? {} : { problems }) };
}
