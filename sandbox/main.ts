// `npm run sandbox`: the Intercom sandbox as its own process (SANDBOX_PORT, SANDBOX_HOST,
// SANDBOX_BOOTSTRAP_APPS, SANDBOX_ADMIN_TOKEN; see README).
import "./service-name";
import { log } from "@/lib/log";
import { localSecret } from "@/scripts/services/local-secrets";
import { ConfigError, readSandboxConfig } from "./config";
import { createSandbox, type Sandbox, type SandboxOptions } from "./server";

const ADMIN_TOKEN_FILE = "sandbox-admin-token";

function portTakenMessage(host: string, port: number): string {
  return (
    `The Intercom sandbox could not start: ${host}:${port} is already in use by another process ` +
    `(perhaps a sandbox that is still running). Stop that process, or start the sandbox on another port, ` +
    `e.g. SANDBOX_PORT=${port + 1} npm run sandbox (and point INTERCOM_SANDBOX_URL at it).`
  );
}

async function main(): Promise<void> {
  let config: SandboxOptions & { port: number; host: string };
  try {
    config = readSandboxConfig(process.env);
    // The admin API's token: SANDBOX_ADMIN_TOKEN, else the one `npm start` keeps in .data/ (made here if missing).
    config.adminToken ??= localSecret(ADMIN_TOKEN_FILE).value;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    log.error({ reason: error.message }, "sandbox configuration invalid");
    process.exit(1);
  }
  let sandbox: Sandbox;
  try {
    sandbox = await createSandbox(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EADDRINUSE" && code !== "EACCES") throw error;
    const message =
      code === "EADDRINUSE"
        ? portTakenMessage(config.host, config.port)
        : `The Intercom sandbox may not listen on ${config.host}:${config.port} (permission denied). Choose a port above 1023 with SANDBOX_PORT.`;
    process.stderr.write(`${message}\n`);
    log.error({ host: config.host, port: config.port, code }, message);
    process.exit(1);
  }
  log.info(
    {
      url: sandbox.url,
      apps: sandbox.registry.list().map((a) => ({ appId: a.id, name: a.name })),
      adminTokenFrom: process.env.SANDBOX_ADMIN_TOKEN ? "SANDBOX_ADMIN_TOKEN" : `in .data/${ADMIN_TOKEN_FILE}`,
    },
    "Intercom sandbox listening",
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, "Intercom sandbox stopping");
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "Intercom sandbox failed to close");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();
