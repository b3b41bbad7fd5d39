import { spawnSync } from "node:child_process";
import path from "node:path";
import { loadKeyring } from "@/lib/crypto/keyring";
import { upgradeDatabase } from "@/lib/db/upgrade-database";
import { DEMO_CUSTOM_ATTRIBUTES } from "./seed/demo-contacts";
import { buildIsCurrent, recordBuild } from "./services/build-stamp";
import { ROOT, SetupError } from "./services/data-dir";
import { localSecret } from "./services/local-secrets";
import { ensurePostgres } from "./services/postgres";
import { ensureRedis } from "./services/redis";
import { startStack } from "./stack";

// `npm start`: everything Flowgate needs, on embedded defaults unless DATABASE_URL / REDIS_URL say otherwise.
async function main(): Promise<void> {
  const started = Date.now();
  const port = Number(process.env.PORT ?? 3000);
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
  const postgres = await ensurePostgres();
  const redis = await ensureRedis();
  const shutdownServices = async () => {
    await redis.stop();
    await postgres.stop();
  };
  try {
    const databaseUrl = process.env.DATABASE_URL ?? (await postgres.ensureDatabase("flowgate"));
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? localSecret("auth-secret").value,
      SANDBOX_BOOTSTRAP_APPS: JSON.stringify([
        {
          name: "Demo workspace",
          token: localSecret("sandbox-demo-token").value,
          dataAttributes: DEMO_CUSTOM_ATTRIBUTES,
        },
      ]),
      INTERCOM_SANDBOX_URL: process.env.INTERCOM_SANDBOX_URL ?? `http://127.0.0.1:${sandboxPort}`,
    };
    Object.assign(process.env, env);
    // Made here, once, so the web app and the worker never race to create the key file.
    loadKeyring();
    const { applied, reencrypted } = await upgradeDatabase(databaseUrl);
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
    if (reencrypted) console.log(`Re-encrypted ${reencrypted} stored secret(s).`);
    buildWebApp();
    const { seedDemo } = await import("./seed/seed-demo");
    const stack = await startStack({
      port,
      sandboxPort,
      env,
      sandboxEnv: { SANDBOX_ADMIN_TOKEN: process.env.SANDBOX_ADMIN_TOKEN ?? localSecret("sandbox-admin-token").value },
      beforeWeb: async () => {
        const demo = await seedDemo();
        if (demo.created) {
          console.log(
            `\nFirst run: seeded a demo organisation. Sign in as ${demo.email} with password ${demo.password}\n`,
          );
        }
      },
    });
    console.log(`\n  Flowgate is running at ${stack.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`  Intercom sandbox: ${stack.sandboxUrl}   Press Ctrl-C to stop.\n`);
    let stopping = false;
    const stop = async (why: string, code: number) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${why}: stopping Flowgate…`);
      await stack.stop();
      await shutdownServices();
      process.exit(code);
    };
    process.on("SIGINT", () => void stop("Ctrl-C", 0));
    process.on("SIGTERM", () => void stop("SIGTERM", 0));
    const crashed = await stack.firstExit;
    await stop(`The ${crashed} process exited unexpectedly (see its output above)`, 1);
  } catch (error) {
    await shutdownServices();
    throw error;
  }
}

function buildWebApp(): void {
  if (buildIsCurrent()) return;
  console.log("Building the web app (only when its sources changed)…");
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0)
    throw new SetupError("`next build` failed (see above). Fix the error it names and run `npm start` again.");
  recordBuild();
}

main().catch((error: Error) => {
  if (error instanceof SetupError) console.error(`\n${error.message}\n`);
  else console.error("\nFlowgate could not start:", error);
  process.exit(1);
});
