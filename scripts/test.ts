import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrations";
import { buildIsCurrent, recordBuild } from "./services/build-stamp";
import { ensureChromium } from "./services/chromium";
import { ROOT, SetupError } from "./services/data-dir";
import { createDatabase, ensurePostgres, type PostgresHandle } from "./services/postgres";
import { freePort } from "./services/port";
import { ensureRedis } from "./services/redis";
import { type Env } from "./processes";
import { startStack } from "./stack";
import { readPlaywrightTally, readVitestTally, type Tally } from "./test-results";

// `npm test`: typecheck, lint, unit and integration tests (real PostgreSQL and Redis), then
// Playwright e2e in Chromium against the whole stack. Exit code is the verdict; the last line
// is "N passed, N failed".
const RESULTS = path.join(ROOT, "test-results");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const stages: { name: string; tally: Tally; seconds: number }[] = [];

function run(name: string, command: string, args: string[], env: Env = {}): boolean {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  stages.push({
    name,
    tally: { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 },
    seconds: (Date.now() - started) / 1000,
  });
  return ok;
}

function runCounted(name: string, command: string, args: string[], report: () => Tally, env: Env = {}): void {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  const tally = report();
  // A non-zero exit with no failed test (a crash, an unhandled error) is still a failure.
  if (result.status !== 0 && tally.failed === 0) tally.failed = 1;
  stages.push({ name, tally, seconds: (Date.now() - started) / 1000 });
}

async function runE2e(env: Env, postgres: PostgresHandle): Promise<void> {
  let chrome: string;
  try {
    chrome = ensureChromium();
  } catch (error) {
    console.error(`\n${(error as Error).message}`);
    stages.push({ name: "e2e (Playwright)", tally: { passed: 0, failed: 1, skipped: 0 }, seconds: 0 });
    return;
  }
  if (!buildIsCurrent()) {
    if (!run("build (next build)", bin("next"), ["build"], env)) return;
    recordBuild();
  }
  // A new, empty database each run: the e2e tests sign up their own organisations, nothing else.
  // FLOWGATE_E2E_DATABASE lets two checkouts run e2e against one PostgreSQL at once.
  const e2eDatabase = process.env.FLOWGATE_E2E_DATABASE ?? "flowgate_e2e";
  await createDatabase(postgres.serverUrl, e2eDatabase);
  const databaseUrl = postgres.databaseUrl(e2eDatabase);
  await applyMigrations(databaseUrl);
  const log = createWriteStream(path.join(RESULTS, "e2e-stack.log"));
  const [port, sandboxPort] = [await freePort(), await freePort()];
  // The sandbox's admin token, for this run's sandbox and the specs' helpers only (e2e/sandbox-admin.ts).
  const sandboxAdminToken = randomBytes(24).toString("base64url");
  const stack = await startStack({
    port,
    sandboxPort,
    // Every spec signs up its own organisation, all from this one address.
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      FLOWGATE_REDIS_PREFIX: `fge2e:${process.pid}`,
      FLOWGATE_SIGN_UPS_PER_HOUR: "10000",
    },
    sandboxEnv: { SANDBOX_ADMIN_TOKEN: sandboxAdminToken },
    output: log,
  });
  try {
    runCounted(
      "e2e (Playwright, Chromium)",
      bin("playwright"),
      ["test", ...specFiles],
      () => readPlaywrightTally(path.join(RESULTS, "e2e.json")),
      {
        ...env,
        DATABASE_URL: databaseUrl,
        E2E_BASE_URL: stack.url,
        INTERCOM_SANDBOX_URL: stack.sandboxUrl,
        SANDBOX_ADMIN_TOKEN: sandboxAdminToken,
        CHROME_PATH: chrome,
      },
    );
  } finally {
    await stack.stop();
    log.end();
  }
}

// `npm test` runs every stage; `npm test -- e2e vitest` runs only those named.
const STAGES = ["typecheck", "lint", "format", "vitest", "e2e"] as const;
// Spec files named after the stages (`npm test -- e2e e2e/wizard.spec.ts`) narrow the e2e stage to them.
const isSpecFile = (arg: string) => arg.endsWith(".spec.ts");
const specFiles = process.argv.slice(2).filter(isSpecFile);
const chosen = process.argv.slice(2).filter((arg) => !isSpecFile(arg));
const unknownStages = chosen.filter((c) => !(STAGES as readonly string[]).includes(c));
const wants = (stage: (typeof STAGES)[number]) => chosen.length === 0 || chosen.includes(stage);

async function main(): Promise<boolean> {
  if (unknownStages.length)
    throw new SetupError(`Unknown test stage(s): ${unknownStages.join(", ")}. Stages: ${STAGES.join(", ")}.`);
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const postgres = await ensurePostgres();
  const redis = await ensureRedis();
  const env: Env = {
    REDIS_URL: redis.url,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "flowgate-test-secret-not-for-production-000000",
    FLOWGATE_ENCRYPTION_KEYS:
      process.env.FLOWGATE_ENCRYPTION_KEYS ?? "test:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  try {
    if (wants("typecheck")) run("typecheck (tsc)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
    if (wants("lint")) run("lint (eslint)", bin("eslint"), ["--max-warnings", "0", "."]);
    if (wants("format")) run("format (prettier --check)", bin("prettier"), ["--check", "--log-level", "warn", "."]);
    const vitestJson = path.join(RESULTS, "vitest.json");
    if (wants("vitest")) {
      runCounted(
        "unit + integration (vitest)",
        bin("vitest"),
        ["run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`],
        () => readVitestTally(vitestJson),
        env,
      );
    }
    if (wants("e2e")) await runE2e(env, postgres);
  } finally {
    await redis.stop();
    await postgres.stop();
  }
  return printSummary();
}

/** Prints each stage and the closing "N passed, N failed" line; true when nothing failed. */
function printSummary(): boolean {
  const total = stages.reduce(
    (t, s) => ({
      passed: t.passed + s.tally.passed,
      failed: t.failed + s.tally.failed,
      skipped: t.skipped + s.tally.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log("\n━━ summary ━━");
  for (const s of stages) {
    const mark = s.tally.failed ? "✗" : "✓";
    console.log(
      `${mark} ${s.name.padEnd(32)} ${s.tally.passed} passed, ${s.tally.failed} failed${s.tally.skipped ? `, ${s.tally.skipped} skipped` : ""}  (${s.seconds.toFixed(1)} s)`,
    );
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  return total.failed === 0;
}

// The verdict is passed to process.exit explicitly: a process.exitCode set here was found reset to 0
// by the time the process ended (a failed run exited 0).
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: Error) => {
    console.error(error instanceof SetupError ? `\n${error.message}\n` : error);
    stages.push({ name: "test setup", tally: { passed: 0, failed: 1, skipped: 0 }, seconds: 0 });
    printSummary();
    process.exit(1);
  },
);
