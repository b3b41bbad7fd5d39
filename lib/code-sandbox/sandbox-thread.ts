import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ThreadCall, ThreadReply, ThreadRequest } from "./thread-protocol";

// One worker thread running thread-entry.ts. The host's event loop never runs user code, and a call
// that outlives its hard deadline gets the thread terminated: QuickJS's interrupt handler only runs
// between bytecodes, so one long builtin (BigInt toString of a huge number: seconds) ignores the time
// limit in-process (test/security/user-code.test.ts proves both).

export type ThreadOutcome =
  | { kind: "reply"; reply: Extract<ThreadReply, { type: "reply" }> }
  | { kind: "timeout" }
  | { kind: "crashed"; message: string; outOfMemory: boolean };

const BOOT_TIMEOUT_MS = 60_000;

/** Where the app's files are at run time (the repo root in every way Flowgate runs). */
function appRoot(): string {
  return path.resolve(process.env.FLOWGATE_APP_ROOT ?? process.cwd());
}

// The thread loads the TypeScript entry through tsx's API (a runtime dependency; the worker process
// runs on it too), so it works the same under Next, the worker and tests.
// Only dynamic import(): the thread inherits the host's flags, and under --input-type=module this
// source is an ES module, where require() doesn't exist.
const BOOT_SOURCE = `
import("node:worker_threads").then(({ workerData, parentPort }) =>
  import(workerData.tsxApi)
    .then(({ tsImport }) => tsImport(workerData.entry, workerData.entry))
    .catch((error) => parentPort.postMessage({ type: "boot-failed", message: String((error && error.stack) || error) })),
);
`;

export class SandboxThread {
  dead = false;
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<number, (outcome: ThreadOutcome) => void>();
  private nextId = 1;
  private waiting = 0;
  /** Requests sent and not yet answered, oldest first; only the oldest one's deadline is running. */
  private readonly queue: { id: number; deadlineMs: number; timer?: ReturnType<typeof setTimeout> }[] = [];

  constructor() {
    const root = appRoot();
    const entry = path.join(root, "lib/code-sandbox/thread-entry.ts");
    const tsxApi = path.join(root, "node_modules/tsx/dist/esm/api/index.mjs");
    this.worker = new Worker(BOOT_SOURCE, {
      eval: true,
      workerData: { entry: pathToFileURL(entry).href, tsxApi: pathToFileURL(tsxApi).href },
      // The QuickJS heap is WebAssembly memory (capped by quickjs-engine.ts); this bounds the rest.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    this.ready = new Promise<void>((resolve, reject) => {
      if (!existsSync(entry) || !existsSync(tsxApi))
        reject(
          new Error(`missing ${existsSync(entry) ? tsxApi : entry} (set FLOWGATE_APP_ROOT to the app's directory)`),
        );
      const timer = setTimeout(() => reject(new Error(`no answer within ${BOOT_TIMEOUT_MS} ms`)), BOOT_TIMEOUT_MS);
      timer.unref();
      this.worker.on("message", (message: ThreadReply) => {
        if (message.type === "ready") resolve();
        else if (message.type === "boot-failed") reject(new Error(message.message));
        else this.pending.get(message.id)?.({ kind: "reply", reply: message });
      });
      this.worker.once("exit", (code) => reject(new Error(`the thread exited (${code}) while starting`)));
    });
    this.ready.catch(() => this.kill("could not start"));
    this.worker.on("error", (error: Error & { code?: string }) =>
      this.kill(error.message, error.code === "ERR_WORKER_OUT_OF_MEMORY"),
    );
    this.worker.on("exit", (code) => this.kill(`the thread exited (${code})`));
    // An idle thread must not keep the process alive; a caller waiting for it must (see call()).
    // After the listeners, since adding a "message" listener refs the thread's port again.
    this.worker.unref();
  }

  /**
   * Sends one request. The thread answers requests in order, so a request's deadline starts when the
   * one before it is answered (or at once); past `deadlineMs` the thread is terminated.
   */
  async call(request: ThreadCall, deadlineMs: number): Promise<ThreadOutcome> {
    this.waiting++;
    this.worker.ref();
    try {
      return await this.send(request, deadlineMs);
    } finally {
      if (--this.waiting === 0) this.worker.unref();
    }
  }

  private async send(request: ThreadCall, deadlineMs: number): Promise<ThreadOutcome> {
    try {
      await this.ready;
    } catch (error) {
      return {
        kind: "crashed",
        message: `The code sandbox could not start: ${(error as Error).message}`,
        outOfMemory: false,
      };
    }
    if (this.dead) return { kind: "crashed", message: "The code sandbox stopped", outOfMemory: false };
    const id = this.nextId++;
    return new Promise<ThreadOutcome>((resolve) => {
      this.pending.set(id, (outcome) => {
        this.pending.delete(id);
        if (this.queue[0]?.id === id) {
          clearTimeout(this.queue.shift()!.timer);
          this.armHead();
        }
        resolve(outcome);
      });
      this.queue.push({ id, deadlineMs });
      if (this.queue.length === 1) this.armHead();
      this.worker.postMessage({ ...request, id } as ThreadRequest);
    });
  }

  private armHead(): void {
    const head = this.queue[0];
    if (head) head.timer = setTimeout(() => this.kill("timeout"), head.deadlineMs);
  }

  /** Terminates the thread; every call in flight ends with `timeout` or `crashed`. */
  kill(reason: string, outOfMemory = false): void {
    if (this.dead) return;
    this.dead = true;
    for (const entry of this.queue.splice(0)) clearTimeout(entry.timer);
    const outcome: ThreadOutcome =
      reason === "timeout" ? { kind: "timeout" } : { kind: "crashed", message: reason, outOfMemory };
    for (const settle of [...this.pending.values()]) settle(outcome);
    void this.worker.terminate().catch(() => undefined);
  }
}
