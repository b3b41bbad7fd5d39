import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { DRIVER_FILENAME, DRIVER_SOURCE } from "./driver-source";
import type { QuickJSEngine } from "./quickjs-engine";
import { type ThrownValue, USER_CODE_FILENAME, describeThrown, isFatalError, readThrownValue } from "./sandbox-errors";
import type { SandboxError, SandboxLimits } from "./types";

// One isolated QuickJS runtime + context with the limits applied, the driver loaded and every handle
// tracked so that closing it frees everything (or throws the module away if QuickJS is unhealthy).
export class QuickJSSession {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  private readonly handles: QuickJSHandle[] = [];
  private timedOut = false;
  private deadline = 0;
  private unhealthy = false;
  private readonly driver: { run: QuickJSHandle; serialize: QuickJSHandle };

  constructor(
    private readonly engine: QuickJSEngine,
    private readonly module: QuickJSWASMModule,
    private readonly limits: SandboxLimits,
  ) {
    this.runtime = module.newRuntime();
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.restartClock();
    this.runtime.setInterruptHandler(() => {
      if (Date.now() <= this.deadline) return false;
      this.timedOut = true;
      return true;
    });
    this.context = this.runtime.newContext();
    const driver = this.track(this.context.unwrapResult(this.context.evalCode(DRIVER_SOURCE, DRIVER_FILENAME)));
    this.driver = {
      run: this.track(this.context.getProp(driver, "run")),
      serialize: this.track(this.context.getProp(driver, "serialize")),
    };
  }

  /** Each call of the user's function gets the full time limit. */
  restartClock(): void {
    this.deadline = Date.now() + this.limits.timeMs;
    this.timedOut = false;
  }

  get isUnhealthy(): boolean {
    return this.unhealthy;
  }

  /** Handles created after this point can be freed together with releaseSince(). */
  checkpoint(): number {
    return this.handles.length;
  }

  releaseSince(checkpoint: number): void {
    for (const handle of this.handles.splice(checkpoint).reverse()) if (handle.alive) handle.dispose();
  }

  track(handle: QuickJSHandle): QuickJSHandle {
    this.handles.push(handle);
    return handle;
  }

  string(value: string): QuickJSHandle {
    return this.track(this.context.newString(value));
  }

  /** Evaluates the user's code; its completion value must be the grouping function. */
  evaluateUserCode(code: string): QuickJSHandle | SandboxError {
    return this.settle(this.context.evalCode(code, USER_CODE_FILENAME));
  }

  callDriver(name: "run" | "serialize", ...args: QuickJSHandle[]): QuickJSHandle | SandboxError {
    return this.settle(this.context.callFunction(this.driver[name], this.context.undefined, ...args));
  }

  /** Runs queued promise jobs (async user functions) within the same time and memory limits. */
  drainJobs(): SandboxError | undefined {
    const result = this.runtime.executePendingJobs();
    if (!result.error) return undefined;
    return this.fail(result.error);
  }

  fail(errorHandle: QuickJSHandle): SandboxError {
    this.track(errorHandle);
    return this.describe(readThrownValue(this.context, errorHandle));
  }

  describe(thrown: ThrownValue): SandboxError {
    const error = describeThrown(thrown, this.timedOut, this.limits);
    if (isFatalError(error)) this.unhealthy = true;
    return error;
  }

  /** The host threw out of QuickJS (e.g. V8's own stack ran out): its state can't be trusted. */
  abandon(error: unknown): SandboxError {
    this.unhealthy = true;
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { kind: "stack", message: "Your code recursed too deeply (stack overflow)" };
    }
    return { kind: "runtime", message: `The sandbox stopped while running your code: ${String(error)}` };
  }

  close(): void {
    // After an out-of-memory or stack overflow, freeing the runtime can abort the whole WebAssembly
    // instance (quickjs-emscripten#257); dropping the module is safe and the next run reloads it.
    if (this.unhealthy) {
      this.engine.discardModule(this.module);
      return;
    }
    try {
      for (const handle of this.handles.reverse()) if (handle.alive) handle.dispose();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      this.engine.discardModule(this.module);
    }
  }

  private settle(result: ReturnType<QuickJSContext["evalCode"]>): QuickJSHandle | SandboxError {
    if (result.error) return this.fail(result.error);
    return this.track(result.value);
  }
}

/** A session on the current module; a module that can't start one (aborted) is replaced once. */
export async function openQuickJSSession(engine: QuickJSEngine, limits: SandboxLimits): Promise<QuickJSSession> {
  // A closed session's memory is freed before a new one may need it (the WebAssembly heap is capped).
  flushClosing();
  const spare = takeSpare(engine, limits, await engine.loadModule());
  if (spare) return spare;
  for (let attempt = 0; ; attempt++) {
    const wasmModule = await engine.loadModule();
    try {
      return new QuickJSSession(engine, wasmModule, limits);
    } catch (error) {
      engine.discardModule(wasmModule);
      if (attempt > 0) throw error;
    }
  }
}

// A fresh session made while the engine is idle (~0.4 ms of runtime, context and driver), so the next
// build doesn't wait for one. It has never run user code: builds still never share a runtime.
interface Spare {
  session: QuickJSSession;
  module: QuickJSWASMModule;
  limitsKey: string;
}
const spares = new WeakMap<QuickJSEngine, Spare>();

function takeSpare(
  engine: QuickJSEngine,
  limits: SandboxLimits,
  current: QuickJSWASMModule,
): QuickJSSession | undefined {
  const spare = spares.get(engine);
  if (!spare) return undefined;
  spares.delete(engine);
  // A spare of a discarded module goes with that module; one with other limits is simply closed.
  if (spare.module !== current) return undefined;
  if (spare.limitsKey !== limitsKey(limits)) {
    spare.session.close();
    return undefined;
  }
  spare.session.restartClock();
  return spare.session;
}

/** Makes the next openQuickJSSession with these limits instant; call it when there's time to spare. */
export async function prepareSpareSession(engine: QuickJSEngine, limits: SandboxLimits): Promise<void> {
  if (spares.has(engine)) return;
  const wasmModule = await engine.loadModule();
  if (spares.has(engine)) return;
  try {
    spares.set(engine, {
      session: new QuickJSSession(engine, wasmModule, limits),
      module: wasmModule,
      limitsKey: limitsKey(limits),
    });
  } catch {
    // The next open makes its own session (and replaces the module if it has to).
  }
}

// Freeing a runtime takes ~0.1 ms, which a build's critical path shouldn't pay: it happens when the
// thread is next idle, or when the next session opens, whichever comes first.
const closing: QuickJSSession[] = [];
let flushScheduled = false;

/** Closes the session when the thread is next idle (at once if it is unhealthy). */
export function closeWhenIdle(session: QuickJSSession): void {
  if (session.isUnhealthy) return session.close();
  closing.push(session);
  if (flushScheduled) return;
  flushScheduled = true;
  runWhenIdle(() => {
    flushScheduled = false;
    flushClosing();
  });
}

/** Runs `task` once the current work is done (a timer that, in Node, never keeps the process alive). */
export function runWhenIdle(task: () => void): void {
  const timer = setTimeout(task, 0);
  (timer as { unref?: () => void }).unref?.();
}

function flushClosing(): void {
  for (const waiting of closing.splice(0)) waiting.close();
}

function limitsKey(limits: SandboxLimits): string {
  return `${limits.timeMs}/${limits.memoryBytes}/${limits.stackBytes}/${limits.outputBytes}`;
}

export function isSandboxError(value: QuickJSHandle | SandboxError): value is SandboxError {
  return !("alive" in value);
}
