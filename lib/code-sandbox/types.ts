// The contract between the request builder and whichever QuickJS engine runs the user's grouping
// code (the browser preview and the worker both go through runGroupingCode, so they agree).

export interface SandboxLimits {
  /** Wall-clock budget for one run, enforced by QuickJS's interrupt handler. */
  timeMs: number;
  /**
   * QuickJS's limit (it bounds each allocation in Emscripten builds); the total is bounded by the
   * engine's WebAssembly heap cap (64 MB by default, see quickjs-engine.ts), so keep this below it.
   */
  memoryBytes: number;
  /**
   * QuickJS's own stack limit. Deep C recursion inside QuickJS (JSON of deeply nested values) uses
   * far more of the host's native stack than QuickJS counts, so above ~64 KB the host's stack can
   * run out first (caught too, but then the module must be reloaded). 64 KB allows ~300 nested calls.
   */
  stackBytes: number;
  /** Cap on the serialized request body (UTF-8 bytes). */
  outputBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  timeMs: 1000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 64 * 1024,
  outputBytes: 5 * 1024 * 1024,
});

export type SandboxErrorKind =
  "syntax" | "not-a-function" | "runtime" | "timeout" | "memory" | "stack" | "result" | "output";

export interface SandboxError {
  kind: SandboxErrorKind;
  /** Ready to show: "Line 3: ReferenceError: 'foo' is not defined". */
  message: string;
  /** 1-based line in the user's code, when QuickJS reported one. */
  line?: number;
}

/** What the user's function receives as its second argument. JSON only. */
export type GroupingContext = Record<string, unknown>;

export type CodeRunResult =
  | {
      ok: true;
      /** The request body exactly as it will be sent: a returned string as is, anything else as JSON. */
      serialized: string;
      /** The function returned a string (sent as is) rather than a JSON value. */
      returnedString: boolean;
      /** The returned value (parsed lazily from `serialized` when it is JSON). */
      readonly value: unknown;
    }
  | { ok: false; error: SandboxError };

/** Runs the user's function once, in a fresh QuickJS runtime. */
export interface CodeRunner {
  (code: string, records: readonly Record<string, unknown>[], context: GroupingContext): Promise<CodeRunResult>;
  /**
   * Optional: one runtime for all the batches of ONE build (one destination, one set of records),
   * so a 10,000-record build pays for one runtime instead of 100. Builds never share a runtime.
   */
  openSession?: (code: string, owner?: string) => Promise<GroupingSession>;
}

export interface GroupingSession {
  /** Synchronous in-process (QuickJS); a Promise when the session lives in a sandbox thread (Node). */
  run(records: readonly Record<string, unknown>[], context: GroupingContext): CodeRunResult | Promise<CodeRunResult>;
  close(): void;
}

/** An in-process QuickJS session: each run returns at once. */
export interface SyncGroupingSession extends GroupingSession {
  run(records: readonly Record<string, unknown>[], context: GroupingContext): CodeRunResult;
}

export type CodeCheckResult = { ok: true } | { ok: false; error: SandboxError };
