import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { buildIsCurrent, recordBuild } from "@/scripts/services/build-stamp";
import { ROOT } from "@/scripts/services/data-dir";
import { freePort } from "@/scripts/services/port";
import { createDatabase, ensurePostgres } from "@/scripts/services/postgres";
import { ensureRedis } from "@/scripts/services/redis";
import { startStack, type Stack } from "@/scripts/stack";

// The stack as `npm start` runs it (production build, separate web/worker/sandbox processes) on a
// database of its own, for benchmarks that measure the real web process.

export interface BenchStack {
  stack: Stack;
  webPid: number;
  logFile: string;
  close(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  if (!buildIsCurrent()) {
    console.log("building the web app (next build)…");
    const built = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "ignore" });
    if (built.status !== 0) throw new Error("`next build` failed; run `npm run build` to see why.");
    recordBuild();
  }
  const postgres = await ensurePostgres();
  const redis = await ensureRedis();
  const name = `flowgate_bench_web_${randomBytes(4).toString("hex")}`;
  await createDatabase(postgres.serverUrl, name);
  await applyMigrations(postgres.databaseUrl(name));
  const logFile = path.join(tmpdir(), `${name}.log`);
  const output = createWriteStream(logFile);
  const stack = await startStack({
    port: await freePort(),
    sandboxPort: await freePort(),
    env: {
      DATABASE_URL: postgres.databaseUrl(name),
      REDIS_URL: redis.url,
      FLOWGATE_REDIS_PREFIX: name,
      BETTER_AUTH_SECRET: `bench-${randomBytes(24).toString("hex")}`,
      FLOWGATE_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
      // The benchmark signs up several organisations from one address.
      FLOWGATE_SIGN_UPS_PER_HOUR: "1000",
    },
    output,
  });
  const webPid = stack.processes.find((p) => p.name === "web")?.child.pid;
  if (!webPid) throw new Error("the web process has no pid");
  return {
    stack,
    webPid,
    logFile,
    async close() {
      await stack.stop();
      output.end();
      const admin = new pg.Client({ connectionString: postgres.serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
      await redis.stop();
      await postgres.stop();
    },
  };
}

/** Resident memory of a process and its descendants (`next start` may serve from a child), in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) total += treeRss(Number(child));
  } catch {
    // The process ended between listing and reading.
  }
  return total;
}

/** Signs up a new organisation through the real route; returns its session cookie. */
export async function signUpOrganisation(url: string, label: string): Promise<string> {
  const id = randomBytes(4).toString("hex");
  const response = await fetch(`${url}/api/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({
      organisationName: `${label} Ltd ${id}`,
      name: `Ada ${label}`,
      email: `ada.${label}.${id}@example.com`,
      password: `Bench password ${id}`,
    }),
  });
  if (response.status !== 201) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
