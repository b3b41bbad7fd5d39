import path from "node:path";
import { ROOT, SetupError } from "./services/data-dir";
import { isPortFree } from "./services/port";
import { sandboxOAuthDemoEnv } from "./services/sandbox-oauth-demo";
import { startProcess, stopProcess, waitForHttp, type Env, type ManagedProcess } from "./processes";
import { webNodeOptions } from "./services/web-node-flags";
import { workerNodeFlags } from "../workers/node-flags";

export interface StackOptions {
  port: number;
  sandboxPort: number;
  /** DATABASE_URL, REDIS_URL, secrets… passed to every process. */
  env: Env;
  /** Passed to the sandbox only (SANDBOX_ADMIN_TOKEN: the web app and worker never hold it). */
  sandboxEnv?: Env;
  /** Where the processes' output goes (default: this terminal). */
  output?: NodeJS.WritableStream;
  /** Runs between the sandbox coming up and the web app starting (the demo seed). */
  beforeWeb?: () => Promise<void>;
}

export interface Stack {
  url: string;
  sandboxUrl: string;
  processes: ManagedProcess[];
  /** Resolves with the name of the first process that exits on its own. */
  firstExit: Promise<string>;
  stop(): Promise<void>;
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

async function assertPortFree(port: number, envName: string): Promise<void> {
  if (!(await isPortFree(port, "0.0.0.0"))) {
    throw new SetupError(
      `Port ${port} is already in use (another Flowgate, or another program). Stop that program, or choose another ` +
        `port with ${envName}=<port> (for example ${envName}=${port + 1} npm start).`,
    );
  }
}

/** Sandbox, then worker and web app, as separate processes; waits until the web app answers. */
export async function startStack(options: StackOptions): Promise<Stack> {
  await assertPortFree(options.port, "PORT");
  await assertPortFree(options.sandboxPort, "SANDBOX_PORT");
  const sandboxUrl = `http://127.0.0.1:${options.sandboxPort}`;
  const url = `http://localhost:${options.port}`;
  const appUrl = options.env.FLOWGATE_URL ?? url;
  const env: Env = {
    ...options.env,
    ...sandboxOAuthDemoEnv(options.env, appUrl),
    INTERCOM_SANDBOX_URL: options.env.INTERCOM_SANDBOX_URL ?? sandboxUrl,
    FLOWGATE_URL: appUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const p of [...processes].reverse()) await stopProcess(p);
  };
  try {
    const sandbox = startProcess(
      "sandbox",
      process.execPath,
      ["--import", "tsx", "sandbox/main.ts"],
      { ...env, ...options.sandboxEnv, SANDBOX_PORT: String(options.sandboxPort), FLOWGATE_SERVICE: "sandbox" },
      options.output,
    );
    processes.push(sandbox);
    if (!(await waitForHttp(`${sandboxUrl}/__sandbox/health`, 30_000, () => true)))
      throw new SetupError("The Intercom sandbox did not start within 30 s (see its output above).");
    await options.beforeWeb?.();
    processes.push(
      startProcess(
        "worker",
        process.execPath,
        [...workerNodeFlags(env), "--import", "tsx", "workers/main.ts"],
        { ...env, FLOWGATE_SERVICE: "worker" },
        options.output,
      ),
    );
    processes.push(
      startProcess(
        "web",
        bin("next"),
        ["start", "-p", String(options.port)],
        { ...env, PORT: String(options.port), FLOWGATE_SERVICE: "web", NODE_OPTIONS: webNodeOptions(env) },
        options.output,
      ),
    );
    if (!(await waitForHttp(`${url}/api/health`, 60_000, (s) => s === 200))) {
      throw new SetupError(
        `The web app did not become healthy at ${url}/api/health within 60 s (see the output above).`,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const firstExit = Promise.race(processes.map((p) => p.exited.then(() => p.name)));
  return { url, sandboxUrl, processes, firstExit, stop };
}
