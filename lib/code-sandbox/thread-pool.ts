import { DomainError } from "@/lib/errors";
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

/** How the threads are shared between organisations (README: FLOWGATE_SANDBOX_*). */
export interface SandboxFairness {
  /** Time one build (all its batches) may spend in user code, in ms. */
  buildTimeMs: number;
  /** How long a build waits for a thread before it is refused as busy, in ms. */
  queueTimeoutMs: number;
}

export function sandboxFairness(env: Readonly<Record<string, string | undefined>> = process.env): SandboxFairness {
  return {
    buildTimeMs: positiveInt(env.FLOWGATE_SANDBOX_BUILD_TIME_MS, 30_000),
    queueTimeoutMs: positiveInt(env.FLOWGATE_SANDBOX_QUEUE_TIMEOUT_MS, 30_000),
  };
}

/** Builds one organisation may run at once in this process's threads (the others wait their turn). */
export function buildsPerOwner(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return positiveInt(env.FLOWGATE_SANDBOX_BUILDS_PER_ORG, 1);
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw !== "" && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** No thread came free for this build within the queue timeout: try again later (not the code's fault). */
export class SandboxBusyError extends DomainError {
  constructor(waitedMs: number) {
    super(
      "sandbox_busy",
      `The code sandbox is busy with other builds (waited ${Math.round(waitedMs / 1000)} s); try again in a moment`,
      { status: 503 },
    );
  }
}

interface Waiter {
  owner: string | undefined;
  resolve(thread: SandboxThread): void;
}

/**
 * The threads, shared fairly: an organisation (owner) holds at most `perOwner` of them at once, so
 * one tenant's slow builds cannot occupy every thread; waiters are served in arrival order among
 * those whose owner is under its cap; a wait longer than the queue timeout ends as SandboxBusyError.
 * Builds without an owner (code checks) are not capped.
 */
class ThreadPool {
  private readonly idle: SandboxThread[] = [];
  private readonly waiting: Waiter[] = [];
  private readonly held = new Map<string, number>();
  private live = 0;

  constructor(
    private readonly size: number,
    private readonly perOwner: number,
  ) {}

  acquire(owner: string | undefined, queueTimeoutMs: number): Promise<SandboxThread> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        resolve: (thread) => {
          clearTimeout(timer);
          resolve(thread);
        },
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new SandboxBusyError(Date.now() - started));
      }, queueTimeoutMs);
      timer.unref?.();
      this.waiting.push(waiter);
      // Served at once when a thread is free and its owner under the cap, even behind capped waiters.
      this.serveWaiters();
    });
  }

  release(thread: SandboxThread, owner: string | undefined): void {
    if (owner !== undefined) {
      const count = (this.held.get(owner) ?? 1) - 1;
      if (count > 0) this.held.set(owner, count);
      else this.held.delete(owner);
    }
    if (thread.dead) this.live--;
    else this.idle.push(thread);
    this.serveWaiters();
  }

  private serveWaiters(): void {
    for (let i = 0; i < this.waiting.length;) {
      const waiter = this.waiting[i]!;
      if (!this.canStart(waiter.owner)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      waiter.resolve(this.take(waiter.owner));
    }
  }

  private canStart(owner: string | undefined): boolean {
    const threadFree = this.idle.some((thread) => !thread.dead) || this.live < this.size;
    return threadFree && (owner === undefined || (this.held.get(owner) ?? 0) < this.perOwner);
  }

  private take(owner: string | undefined): SandboxThread {
    if (owner !== undefined) this.held.set(owner, (this.held.get(owner) ?? 0) + 1);
    while (this.idle.length > 0) {
      const thread = this.idle.pop()!;
      if (!thread.dead) return thread;
      this.live--;
    }
    this.live++;
    return new SandboxThread();
  }
}

const holder = globalThis as unknown as { flowgateSandboxPool?: ThreadPool };

function pool(): ThreadPool {
  holder.flowgateSandboxPool ??= new ThreadPool(Math.max(1, sandboxThreadCount()), buildsPerOwner());
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

async function openThreadSession(
  code: string,
  limits: SandboxLimits,
  sessionId: number,
  owner: string | undefined,
  fairness: SandboxFairness,
): Promise<GroupingSession> {
  const thread = await pool().acquire(owner, fairness.queueTimeoutMs);
  // The build's whole time in user code (its open and every batch), so a build of many slow
  // batches gives its thread back after buildTimeMs instead of holding it for as long as it likes.
  const started = performance.now();
  const overBudget: SandboxError = {
    kind: "timeout",
    message: `Your code took longer than the ${fairness.buildTimeMs / 1000} s one build may use (FLOWGATE_SANDBOX_BUILD_TIME_MS); the remaining batches were not built`,
  };
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
      if (!stopped && performance.now() - started > fairness.buildTimeMs) stopped = overBudget;
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
      if (thread.dead) return pool().release(thread, owner);
      void thread.call({ op: "close", sessionId }, hardDeadlineMs(limits)).finally(() => pool().release(thread, owner));
    },
  };
}

let nextSessionId = 1;

/** A CodeRunner whose code runs in the sandbox threads. */
export function createThreadCodeRunner(
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
  fairness: SandboxFairness = sandboxFairness(),
): CodeRunner {
  const openSession = (code: string, owner?: string) =>
    openThreadSession(code, limits, nextSessionId++, owner, fairness);
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
  const thread = await pool().acquire(undefined, sandboxFairness().queueTimeoutMs);
  try {
    const outcome = await thread.call({ op: "check", code, limits }, hardDeadlineMs(limits));
    if (outcome.kind !== "reply") return { ok: false, error: outcomeError(outcome, limits) };
    if (outcome.reply.failure) return { ok: false, error: { kind: "runtime", message: outcome.reply.failure } };
    return outcome.reply.result as CodeCheckResult;
  } finally {
    pool().release(thread, undefined);
  }
}
