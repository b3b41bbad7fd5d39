import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "./services/data-dir";

/** Environment variables for a child process (Next types NODE_ENV as required on ProcessEnv). */
export type Env = Record<string, string | undefined>;

const COLORS = ["\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[32m"];
const RESET = "\x1b[0m";

// Children still running when this process exits, however it exits, are killed, so an
// interrupted shutdown never leaves a sandbox, worker or Redis running on its own.
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** Kills `child` if it is still running when this process exits. */
export function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a child with its output prefixed by its name, so `npm start` reads as one log. */
/** `output` defaults to this terminal; tests send it to a log file instead. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: Env,
  output?: NodeJS.WritableStream,
): ManagedProcess {
  const color = COLORS[name.length % COLORS.length] ?? "";
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
  });
  const prefix = `${color}${name.padEnd(7)}${RESET}│ `;
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream) => {
    let buffered = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) out.write(prefix + line + "\n");
    });
  };
  forward(child.stdout, output ?? process.stdout);
  forward(child.stderr, output ?? process.stderr);
  killOnExit(child);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, exited };
}

/** SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(p: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export async function waitForHttp(
  url: string,
  timeoutMs: number,
  accept = (status: number) => status < 500,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (accept(res.status)) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
