import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { workerNodeFlags } from "@/workers/node-flags";

// A real worker process (`tsx workers/main.ts`) for tests that kill it or restart what it talks to.

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed (pino JSON lines), for diagnosing a failure. */
  output(): string;
  /** Resolves once the worker logged "worker started". */
  ready: Promise<void>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  return spawnTsxProcess("workers/main.ts", env, '"worker started"', workerNodeFlags({ ...process.env, ...env }));
}

/** Runs a TypeScript file in its own Node process; `ready` resolves once its output contains `readyMarker`. */
export function spawnTsxProcess(
  script: string,
  env: Record<string, string>,
  readyMarker: string,
  nodeFlags: string[] = [],
): WorkerProcess {
  // node itself with tsx's loader (not the tsx CLI, which runs the script as ITS child: a SIGKILL
  // to the CLI would leave the process running).
  const tsx = path.join(ROOT, "node_modules/tsx/dist");
  const args = [
    ...nodeFlags,
    "--require",
    path.join(tsx, "preflight.cjs"),
    "--import",
    pathToFileURL(path.join(tsx, "loader.mjs")).href,
    script,
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let resolveReady: () => void;
  let rejectReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.includes(readyMarker)) resolveReady();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  child.once("exit", (code) =>
    rejectReady(new Error(`${script} exited (${code}) before starting:\n${output.slice(-4000)}`)),
  );
  const timer = setTimeout(
    () => rejectReady(new Error(`${script} did not start within 30 s:\n${output.slice(-4000)}`)),
    30_000,
  );
  void ready.finally(() => clearTimeout(timer)).catch(() => undefined);
  return {
    child,
    output: () => output,
    ready,
    kill(signal) {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
