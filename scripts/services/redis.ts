import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { dataDir, SetupError } from "./data-dir";
import { killOnExit } from "../processes";
import { canConnect, waitForPort } from "./port";

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

const LOCAL_PORT = Number(process.env.FLOWGATE_REDIS_PORT ?? 63790);

export const REDIS_HELP =
  "Install one (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) so that " +
  "`redis-server` is on PATH, or set REDIS_URL to a Redis 6.2+ you run (e.g. redis://127.0.0.1:6379).";

/** REDIS_URL when set, otherwise a redis-server from PATH with its files under .data/redis. */
export async function ensureRedis(): Promise<RedisHandle> {
  const external = process.env.REDIS_URL;
  if (external) {
    await checkRedis(external, "REDIS_URL");
    return { url: external, stop: async () => undefined };
  }
  const url = `redis://127.0.0.1:${LOCAL_PORT}`;
  if (await canConnect(LOCAL_PORT)) {
    await checkRedis(url, `the Redis on port ${LOCAL_PORT}`);
    return { url, stop: async () => undefined };
  }
  const child = startRedisServer(LOCAL_PORT, dataDir("redis"));
  killOnExit(child);
  await child.ready;
  return { url, stop: () => stopChild(child) };
}

export function findRedisServer(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Starts redis-server on `port` (used by npm start, and by tests that restart Redis). */
export function startRedisServer(port: number, dir: string, persist = true): ChildProcess & { ready: Promise<void> } {
  const bin = findRedisServer();
  if (!bin)
    throw new SetupError(
      `Flowgate needs Redis and none was found: REDIS_URL is not set and there is no redis-server on PATH. ${REDIS_HELP}`,
    );
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--maxmemory-policy",
    "noeviction",
    "--save",
    "",
  ];
  args.push("--appendonly", persist ? "yes" : "no");
  const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] }) as ChildProcess & { ready: Promise<void> };
  child.ready = waitForPort(port, 10_000).then((ok) => {
    if (!ok) throw new SetupError(`redis-server did not start on port ${port} within 10 s. ${REDIS_HELP}`);
  });
  return child;
}

async function checkRedis(url: string, what: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new SetupError(
      `Cannot reach ${what} (${url}): ${(error as Error).message}. Check it is running, or ${REDIS_HELP}`,
    );
  } finally {
    client.disconnect();
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
