import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { checkHealth } from "./check-health";
import { beat, forget, HEARTBEAT_TTL_MS } from "./worker-heartbeat";

let t: TestDatabase;
let redis: Redis;

beforeAll(async () => {
  process.env.FLOWGATE_REDIS_PREFIX = freshRedisPrefix();
  t = await freshDatabase();
  redis = new Redis(redisUrl());
});
afterAll(async () => {
  redis.disconnect();
  await t.drop();
});

describe("checkHealth", () => {
  it("reports the worker down until one beats, then everything ok", async () => {
    const before = await checkHealth(t.db, redis);
    expect(before).toMatchObject({ status: "degraded", database: "ok", redis: "ok", worker: "down" });
    expect(before.problems?.join()).toMatch(/worker/);
    await beat(redis, "test-worker");
    expect(await checkHealth(t.db, redis)).toEqual({ status: "ok", database: "ok", redis: "ok", worker: "ok" });
    await forget(redis, "test-worker");
  });

  it("treats a worker whose last beat is older than the TTL as down", async () => {
    await beat(redis, "stale-worker", Date.now() - HEARTBEAT_TTL_MS - 1_000);
    expect((await checkHealth(t.db, redis)).worker).toBe("down");
  });

  it("names Redis when it cannot be reached", async () => {
    const dead = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const report = await checkHealth(t.db, dead);
    expect(report).toMatchObject({ status: "degraded", database: "ok", redis: "down", worker: "down" });
    dead.disconnect();
  });
});

describe("checkHealth on a fresh connection", () => {
  it("waits for a producer connection that is still connecting instead of calling Redis down", async () => {
    const fresh = new Redis(redisUrl(), { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    expect(fresh.status).not.toBe("ready");
    expect((await checkHealth(t.db, fresh)).redis).toBe("ok");
    fresh.disconnect();
  });
});

// Issue 18 item 11: the health answer is public; what a driver says about a failure (hosts, ports,
// user names, library internals) goes to the log, not to an unauthenticated caller.
describe("checkHealth answers without raw error text", () => {
  it("says which component is down in its own words, nothing the driver said", async () => {
    const deadDb = createDb("postgresql://flowgate_canary_user:canary-pass@127.0.0.1:1/flowgate_canary_db", 1);
    const deadRedis = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    try {
      const report = await checkHealth(deadDb, deadRedis);
      expect(report).toMatchObject({ status: "degraded", database: "down", redis: "down", worker: "down" });
      const text = JSON.stringify(report);
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|canary|Stream|offline|Connection is closed/i);
      expect(report.problems).toEqual([
        "database: not reachable",
        "redis: not reachable",
        expect.stringMatching(/^worker: /),
      ]);
    } finally {
      deadRedis.disconnect();
      await deadDb.$disconnect();
    }
  });
});
