// Scaffolding for bench/delivery.ts: a private database and Redis prefix, the Intercom sandbox and
// worker processes (each its own `node` with tsx's loader), and seeding through the real lib code.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sealCredentialToken } from "@/lib/credentials/seal-token";
import { createDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { destinationConfigSchema, type DestinationConfigInput } from "@/lib/destinations/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendRecords, type JsonRecord } from "@/lib/nexsets/append-records";
import { createDatabase, ensurePostgres } from "@/scripts/services/postgres";
import { freePort } from "@/scripts/services/port";
import { ensureRedis } from "@/scripts/services/redis";
import { createSandboxAdminClient, type SandboxAdminClient } from "@/sandbox/admin-client";
import { workerNodeFlags } from "@/workers/node-flags";

export const ROOT = path.resolve(import.meta.dirname, "..");
/** Calls in flight per destination: the worker's FLOWGATE_DELIVERY_CONCURRENCY and the raw loops'. */
export const CONCURRENCY = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 16);
/** A rate limit no phase reaches. */
export const UNLIMITED = 100_000_000;
const TSX = path.join(ROOT, "node_modules/tsx/dist");
const TSX_ARGS = [
  "--require",
  path.join(TSX, "preflight.cjs"),
  "--import",
  pathToFileURL(path.join(TSX, "loader.mjs")).href,
];
/** The admin token of the sandbox processes this benchmark starts. */
const SANDBOX_ADMIN_TOKEN = randomBytes(24).toString("base64url");

/** The admin API of a sandbox started by startSandboxProcess. */
export function sandboxAdmin(sandboxUrl: string): SandboxAdminClient {
  return createSandboxAdminClient(sandboxUrl, SANDBOX_ADMIN_TOKEN);
}

export const BENCH_KEYS = process.env.FLOWGATE_ENCRYPTION_KEYS ?? "bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

export interface BenchStack {
  db: Db;
  databaseUrl: string;
  /** The benchmark's own database (created for this run). */
  databaseName: string;
  redisUrl: string;
  prefix: string;
  organisationId: string;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const postgres = await ensurePostgres();
  const redis = await ensureRedis();
  const name = `flowgate_bench_delivery_${randomBytes(4).toString("hex")}`;
  await createDatabase(postgres.serverUrl, name);
  const databaseUrl = postgres.databaseUrl(name);
  await applyMigrations(databaseUrl);
  const prefix = `fgbench:${process.pid}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    FLOWGATE_REDIS_PREFIX: prefix,
    FLOWGATE_ENCRYPTION_KEYS: BENCH_KEYS,
  });
  const db = createDb(databaseUrl, 4);
  const org = await db.organisation.create({ data: { name: "Bench" } });
  return {
    db,
    databaseUrl,
    databaseName: name,
    redisUrl: redis.url,
    prefix,
    organisationId: org.id,
    async stop() {
      await db.$disconnect();
      await redis.stop();
      await postgres.stop();
    },
  };
}

export interface ChildHandle {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Peak resident set size (VmHWM) so far, in MB. */
  peakRssMb(): number;
  /** CPU time (user + system, all threads) used so far, in seconds. */
  cpuSeconds(): number;
}

const CLOCK_TICKS_PER_S = 100;

/**
 * A process's CPU in clock ticks from its /proc/<pid>/stat text: fields 14 and 15 (utime, stime),
 * with 16 and 17 (cutime, cstime: its ended children's) when asked. The name may hold spaces.
 */
function cpuTicks(stat: string, withEndedChildren: boolean): number {
  const fields = stat.split(") ")[1]!.split(" ");
  const own = Number(fields[11]) + Number(fields[12]);
  return withEndedChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
}

function spawnChild(
  script: string,
  env: Record<string, string>,
  readyText: string,
  nodeArgs: string[] = [],
): Promise<ChildHandle> {
  const child = spawn(process.execPath, [...nodeArgs, ...TSX_ARGS, script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const handle: ChildHandle = {
    child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
    cpuSeconds: () => cpuTicks(readFileSync(`/proc/${child.pid}/stat`, "utf8"), false) / CLOCK_TICKS_PER_S,
    peakRssMb: () => {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within 60 s:\n${output.slice(-3000)}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-200_000);
      if (process.env.BENCH_CHILD_LOG_DIR)
        appendFileSync(`${process.env.BENCH_CHILD_LOG_DIR}/${path.basename(script)}-${child.pid}.log`, chunk);
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}):\n${output.slice(-3000)}`));
    });
  });
}

/**
 * CPU time used so far by PostgreSQL for one database, in seconds: the backends serving its
 * connections (their process titles name the database). Other databases on the same server, which
 * others' tests may be keeping busy on a shared machine, don't count, nor do the server's shared
 * background processes. A backend is counted while it lives: a phase keeps its connections open
 * until it has been measured.
 */
export function postgresCpuSecondsOf(database: string): () => number {
  const title = ` ${database} `;
  // Each backend's CPU as last seen: one that ended since (a stopped worker's, a closed pool's)
  // keeps what it had, so the figure never goes back.
  const seen = new Map<string, number>();
  return () => {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (stat.includes("(postgres)") && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(title))
          seen.set(pid, cpuTicks(stat, false));
      } catch {
        // The process ended between the listing and the read.
      }
    }
    let ticks = 0;
    for (const value of seen.values()) ticks += value;
    return ticks / CLOCK_TICKS_PER_S;
  };
}

/**
 * CPU time the hypervisor gave other guests while this VM wanted it ("steal", /proc/stat), summed
 * over all cores, in seconds. When it is high the phases run slower, each by a different amount.
 */
export function stealSeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
  return Number(fields[8] ?? 0) / CLOCK_TICKS_PER_S;
}

/** This process's CPU time so far, in seconds. */
export function ownCpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

/** Starts measuring CPU per record of several processes; call the result with the records handled. */
export function startCpuMeter<K extends string>(
  sources: Record<K, () => number>,
): (records: number) => Record<K, number> {
  const names = Object.keys(sources) as K[];
  const start = new Map(names.map((name) => [name, sources[name]()]));
  return (records) =>
    Object.fromEntries(names.map((name) => [name, ((sources[name]() - start.get(name)!) * 1e6) / records])) as Record<
      K,
      number
    >;
}

export interface SandboxApp {
  name: string;
  token: string;
  rateLimitPer10s: number;
}

export type SandboxHandle = ChildHandle & { url: string };

export async function startSandboxProcess(
  apps: SandboxApp[],
  env: Record<string, string> = {},
): Promise<SandboxHandle> {
  const port = await freePort();
  const handle = await spawnChild(
    "sandbox/main.ts",
    {
      SANDBOX_PORT: String(port),
      SANDBOX_BOOTSTRAP_APPS: JSON.stringify(apps),
      SANDBOX_ADMIN_TOKEN,
      LOG_LEVEL: "info",
      ...env,
    },
    "Intercom sandbox listening",
  );
  return { ...handle, url: `http://127.0.0.1:${port}` };
}

/**
 * Empties every sandbox app (contacts, request log) and keeps the apps and their tokens: each phase
 * of a comparison then meets the same sandbox, not one grown heavier by the phases before it.
 */
export async function resetSandbox(sandboxUrl: string): Promise<void> {
  await sandboxAdmin(sandboxUrl).reset();
}

export function startWorkerProcess(
  stack: BenchStack,
  sandboxUrl: string,
  env: Record<string, string> = {},
): Promise<ChildHandle> {
  return spawnChild(
    "workers/main.ts",
    {
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: stack.redisUrl,
      FLOWGATE_REDIS_PREFIX: stack.prefix,
      INTERCOM_SANDBOX_URL: sandboxUrl,
      FLOWGATE_ENCRYPTION_KEYS: BENCH_KEYS,
      LOG_LEVEL: "info",
      ...env,
    },
    '"worker started"',
    [
      ...workerNodeFlags({ ...process.env, ...env }),
      // BENCH_PROFILE_DIR=/tmp/prof writes each worker's CPU profile there when it stops (open in Chrome DevTools).
      ...(process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
      // BENCH_WORKER_NODE_ARGS="--trace-gc" (say) adds Node flags; BENCH_CHILD_LOG_DIR keeps what the children print.
      ...(process.env.BENCH_WORKER_NODE_ARGS ? process.env.BENCH_WORKER_NODE_ARGS.split(" ") : []),
    ],
  );
}

export function sandboxApp(name: string, rateLimitPer10s: number): SandboxApp {
  return { name, token: `tok_${name}_${randomBytes(12).toString("hex")}`, rateLimitPer10s };
}

export async function seedCredential(
  stack: BenchStack,
  app: SandboxApp,
  rateLimitPer10s: number | null,
): Promise<string> {
  const credential = await stack.db.credential.create({
    data: {
      ...sealCredentialToken(stack.organisationId, app.token),
      organisationId: stack.organisationId,
      name: app.name,
      region: "sandbox",
      rateLimitPer10s,
    },
  });
  return credential.id;
}

/** A Nexset of `count` contact records, appended in chunks. */
export async function seedNexset(
  stack: BenchStack,
  count: number,
  tag: string,
  record = contactRecord,
): Promise<string> {
  const source = await stack.db.source.create({
    data: { organisationId: stack.organisationId, kind: "webhook", name: `bench ${tag}` },
  });
  const nexset = await stack.db.nexset.create({
    data: { organisationId: stack.organisationId, sourceId: source.id, name: `bench ${tag}` },
  });
  const CHUNK = 50_000;
  for (let start = 0; start < count; start += CHUNK) {
    const chunk: JsonRecord[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) chunk.push(record(i, tag));
    await appendRecords(stack.db, nexset.id, chunk);
  }
  return nexset.id;
}

export function contactRecord(i: number, tag: string): JsonRecord {
  return { email: `user${i}-${tag}@example.com`, name: `User ${i}`, external_id: `${tag}-${i}` };
}

export async function seedDestination(
  stack: BenchStack,
  nexsetId: string,
  credentialId: string,
  config: Partial<DestinationConfigInput>,
): Promise<string> {
  const parsed = destinationConfigSchema.parse({
    method: "POST",
    urlTemplate: "/contacts",
    intercomVersion: "2.14",
    ...config,
  }) as unknown as Prisma.InputJsonValue;
  const destination = await stack.db.destination.create({
    data: {
      organisationId: stack.organisationId,
      nexsetId,
      credentialId,
      name: "bench",
      config: parsed,
      configVersions: { create: { version: 1, config: parsed } },
    },
  });
  return destination.id;
}

/** Polls until the destinations' cursors sum to `target`; returns the elapsed ms. */
export async function waitForDelivered(
  db: Db,
  destinationIds: string[],
  target: number,
  timeoutMs: number,
  onTick?: (done: number) => void,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const rows = await db.destination.findMany({
      where: { id: { in: destinationIds } },
      select: { deliveredThroughSeq: true, status: true, statusMessage: true },
    });
    const done = rows.reduce((sum, row) => sum + row.deliveredThroughSeq, 0);
    onTick?.(done);
    if (done >= target) return performance.now() - started;
    const failed = rows.find((row) => row.status === "error");
    if (failed) throw new Error(`a destination stopped with an error: ${failed.statusMessage}`);
    if (performance.now() - started > timeoutMs)
      throw new Error(`only ${done} of ${target} delivered after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RecordedCall {
  time: string;
  status: number | null;
  path: string;
}

export async function sandboxRequests(sandboxUrl: string, appId: string): Promise<RecordedCall[]> {
  return sandboxAdmin(sandboxUrl).requests({ appId });
}

export async function sandboxAppId(sandboxUrl: string, name: string): Promise<string> {
  const { apps } = await sandboxAdmin(sandboxUrl).get<{ apps: { appId: string; name: string }[] }>("/apps");
  const app = apps.find((a) => a.name === name);
  if (!app) throw new Error(`no sandbox app named ${name}`);
  return app.appId;
}

export async function sandboxContacts(sandboxUrl: string, appId: string): Promise<number> {
  return (await sandboxAdmin(sandboxUrl).get<{ contacts: number }>(`/apps/${encodeURIComponent(appId)}`)).contacts;
}
