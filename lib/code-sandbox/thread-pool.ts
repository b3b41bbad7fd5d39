import { success } from "./grouping-session";
import { formatMegabytes } from "./sandbox-errors";
import { SandboxThread, type ThreadOutcome } from "./sandbox-thread";
import type { WireRunResult } from "./thread-protocol";
import {
  type CodeCheckResult,
  type CodeRunner,
  DEFAULT_SANDBOX_LIMITS,
  type GroupingSession,
  type SandboxError,
  type SandboxLimits,
} from "./types";

// Grouping code in Node runs in a small pool of worker threads (FLOWGATE_SANDBOX_THREADS, default 2;
// 0 runs it in-process). A session holds one thread from open to close, so builds never share a
// QuickJS runtime; a call past its hard deadline terminates the thread and ends as a time-limit
// error, and the pool starts a fresh thread for the next session.

/** QuickJS stops ordinary code at timeMs; this is for builtins it can't interrupt (and regex overshoot). */
export function hardDeadlineMs(limits: SandboxLimits): number {
  return limits.timeMs * 2 + 1_000;
}

export function sandboxThreadCount(): number {
  const configured = Number(process.env.FLOWGATE_SANDBOX_THREADS ?? 2);
  return Number.isInteger(configured) && configured >= 0 ? configured : 2;
}

class ThreadPool {
  private readonly idle: SandboxThread[] = [];
  private readonly waiting: ((thread: SandboxThread) => void)[] = [];
  private live = 0;

  constructor(private readonly size: number) {}

  acquire(): Promise<SandboxThread> {
    while (this.idle.length > 0) {
      const thread = this.idle.pop()!;
      if (!thread.dead) return Promise.resolve(thread);
      this.live--;
    }
    if (this.live < this.size) {
      this.live++;
      return Promise.resolve(new SandboxThread());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(thread: SandboxThread): void {
    const next = this.waiting.shift();
    if (thread.dead) {
      if (next) next(new SandboxThread());
      else this.live--;
    } else if (next) next(thread);
    else this.idle.push(thread);
  }
}

const holder = globalThis as unknown as { flowgateSandboxPool?: ThreadPool };

function pool(): ThreadPool {
  holder.flowgateSandboxPool ??= new ThreadPool(Math.max(1, sandboxThreadCount()));
  return holder.flowgateSandboxPool;
}

function outcomeError(outcome: Exclude<ThreadOutcome, { kind: "reply" }>, limits: SandboxLimits): SandboxError {
  if (outcome.kind === "timeout") return { kind: "timeout", message: `Your code ran longer than ${limits.timeMs} ms` };
  if (outcome.outOfMemory)
    return { kind: "memory", message: `Your code used more than ${formatMegabytes(limits.memoryBytes)}` };
  return {
    kind: "runtime",
    message: outcome.message.startsWith("The code sandbox")
      ? outcome.message
      : `The sandbox stopped while running your code: ${outcome.message}`,
  };
}

async function openThreadSession(code: string, limits: SandboxLimits, sessionId: number): Promise<GroupingSession> {
  const thread = await pool().acquire();
  // Not awaited: the thread answers in order, so the first run goes out at once, right behind it.
  const opened = thread
    .call({ op: "open", sessionId, code, limits }, hardDeadlineMs(limits))
    .then((outcome): SandboxError | undefined => {
      if (outcome.kind !== "reply") return outcomeError(outcome, limits);
      return outcome.reply.failure ? { kind: "runtime", message: outcome.reply.failure } : undefined;
    });
  let stopped: SandboxError | undefined;
  let closed = false;
  return {
    async run(records, context) {
      if (closed) throw new Error("This grouping session is closed");
      const ran = stopped ? undefined : thread.call({ op: "run", sessionId, records, context }, hardDeadlineMs(limits));
      stopped ??= await opened;
      const outcome = await ran;
      if (stopped || !outcome) return { ok: false, error: stopped! };
      if (outcome.kind !== "reply") {
        stopped = outcomeError(outcome, limits);
        return { ok: false, error: stopped };
      }
      if (outcome.reply.failure) return { ok: false, error: { kind: "runtime", message: outcome.reply.failure } };
      const result = outcome.reply.result as WireRunResult;
      return result.ok ? success(result.serialized, result.returnedString) : { ok: false, error: result.error };
    },
    close() {
      if (closed) return;
      closed = true;
      if (thread.dead) return pool().release(thread);
      void thread.call({ op: "close", sessionId }, hardDeadlineMs(limits)).finally(() => pool().release(thread));
    },
  };
}

let nextSessionId = 1;

/** A CodeRunner whose code runs in the sandbox threads. */
export function createThreadCodeRunner(limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): CodeRunner {
  const openSession = (code: string) => openThreadSession(code, limits, nextSessionId++);
  const runner: CodeRunner = async (code, records, context) => {
    const session = await openSession(code);
    try {
      return await session.run(records, context);
    } finally {
      session.close();
    }
  };
  runner.openSession = openSession;
  return runner;
}

/** checkGroupingCode in a sandbox thread (its top-level code runs too). */
export async function checkGroupingCodeInThread(
  code: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<CodeCheckResult> {
  const thread = await pool().acquire();
  try {
    const outcome = await thread.call({ op: "check", code, limits }, hardDeadlineMs(limits));
    if (outcome.kind !== "reply") return { ok: false, error: outcomeError(outcome, limits) };
    if (outcome.reply.failure) return { ok: false, error: { kind: "runtime", message: outcome.reply.failure } };
    return outcome.reply.result as CodeCheckResult;
  } finally {
    pool().release(thread);
  }
}
