import type { CodeCheckResult, GroupingContext, SandboxError, SandboxLimits } from "./types";

// Messages between the host (thread-pool.ts) and a sandbox thread (thread-entry.ts). Records and
// context travel by structured clone; results come back as the serialized body.

export type ThreadRequest =
  | { id: number; op: "open"; sessionId: number; code: string; limits: SandboxLimits }
  | { id: number; op: "run"; sessionId: number; records: readonly Record<string, unknown>[]; context: GroupingContext }
  | { id: number; op: "close"; sessionId: number }
  | { id: number; op: "check"; code: string; limits: SandboxLimits };

/** A request before the thread wrapper numbers it. */
export type ThreadCall = ThreadRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

export type WireRunResult =
  { ok: true; serialized: string; returnedString: boolean } | { ok: false; error: SandboxError };

export type ThreadReply =
  | { type: "ready" }
  | { type: "boot-failed"; message: string }
  | { type: "reply"; id: number; result?: WireRunResult | CodeCheckResult; failure?: string };
