import type { QuickJSHandle } from "quickjs-emscripten-core";
import { exceedsBytes } from "./output-size";
import type { QuickJSEngine } from "./quickjs-engine";
import { type QuickJSSession, closeWhenIdle, isSandboxError, openQuickJSSession } from "./quickjs-session";
import { RecordTransfer, spliceRecords } from "./record-transfer";
import { formatMegabytes } from "./sandbox-errors";
import {
  type CodeRunResult,
  DEFAULT_SANDBOX_LIMITS,
  type GroupingContext,
  type SandboxError,
  type SandboxLimits,
  type SyncGroupingSession,
} from "./types";

export const NOT_A_FUNCTION: SandboxError = {
  kind: "not-a-function",
  message: "Your code must evaluate to a function, e.g. (records, context) => ({ contacts: records })",
};

/**
 * The user's `(records, context) => body` evaluated once in its own QuickJS runtime (time, memory,
 * stack and output limits), then called per batch. Records and context go in as JSON; nothing of the
 * host is reachable from inside. Each call gets the full time limit.
 */
export async function openGroupingSession(
  engine: QuickJSEngine,
  code: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<SyncGroupingSession> {
  const session = await openQuickJSSession(engine, limits);
  let fn: QuickJSHandle | SandboxError;
  try {
    fn = session.evaluateUserCode(code);
    if (!isSandboxError(fn) && session.context.typeof(fn) !== "function") fn = NOT_A_FUNCTION;
  } catch (error) {
    fn = session.abandon(error);
  }
  const evaluated = fn;
  // Every batch's records stay readable for the session's life: code may keep records of an earlier
  // batch and touch them later.
  const transfers: RecordTransfer[] = [];
  const fetchRecords = session.track(
    session.context.newFunction("records", (batchHandle, whatHandle) => {
      const transfer = transfers[session.context.getNumber(batchHandle)];
      if (!transfer) return session.context.undefined;
      const text =
        session.context.getNumber(whatHandle) === 0 ? transfer.arrayJson : JSON.stringify(transfer.elementBounds());
      return session.context.newString(text);
    }),
  );
  let stopped: SandboxError | undefined = isSandboxError(evaluated) ? evaluated : undefined;
  let closed = false;

  return {
    run(records, context) {
      if (closed) throw new Error("This grouping session is closed");
      if (stopped) return failure(stopped);
      session.restartClock();
      const checkpoint = session.checkpoint();
      let result: CodeRunResult;
      try {
        result = callOnce(session, evaluated as QuickJSHandle, fetchRecords, transfers, records, context, limits);
        // Free this batch's strings and values now, so a long build doesn't hold them all.
        if (!session.isUnhealthy) session.releaseSince(checkpoint);
      } catch (error) {
        result = failure(session.abandon(error));
      }
      // After out-of-memory or a stack overflow the runtime can't be trusted for the next batch.
      if (!result.ok && session.isUnhealthy) stopped = result.error;
      return result;
    },
    close() {
      if (closed) return;
      closed = true;
      closeWhenIdle(session);
    },
  };
}

function callOnce(
  session: QuickJSSession,
  fn: QuickJSHandle,
  fetchRecords: QuickJSHandle,
  transfers: RecordTransfer[],
  records: readonly Record<string, unknown>[],
  context: GroupingContext,
  limits: SandboxLimits,
): CodeRunResult {
  let transfer: RecordTransfer;
  let contextJson: string;
  try {
    transfer = new RecordTransfer(records);
    contextJson = JSON.stringify(context);
  } catch (error) {
    return failure({ kind: "result", message: `The records could not be converted to JSON: ${String(error)}` });
  }
  const { context: vm } = session;
  const batchNo = transfers.push(transfer) - 1;
  const args = [
    fetchRecords,
    session.track(vm.newNumber(batchNo)),
    session.track(vm.newNumber(transfer.count)),
    session.string(transfer.markerPrefix),
    session.string(contextJson),
    transfer.eager ? vm.true : vm.false,
  ];
  let value = session.callDriver("run", fn, ...args);
  if (isSandboxError(value)) return failure(value);

  let tagged = serialize(session, value, true);
  if (tagged === "p") {
    const settled = settlePromise(session, value);
    if (isSandboxError(settled)) return failure(settled);
    value = settled;
    tagged = serialize(session, value, true);
  }
  if (typeof tagged !== "string") return failure(tagged);
  if (tagged === "u")
    return failure({
      kind: "result",
      message: "Your function must return a JSON-serializable value (it returned undefined or a function)",
    });
  if (tagged === "n")
    return failure({
      kind: "result",
      message: "Your function returned a string containing a NUL character (\\u0000), which cannot be sent",
    });
  if (tagged === "p")
    return failure({
      kind: "result",
      message: "Your function must return a JSON-serializable value, not a Promise of a Promise",
    });

  const isString = tagged.startsWith("s");
  let body = tagged.slice(1);
  if (!isString) {
    const spliced = spliceRecords(body, transfer);
    if (spliced === undefined) {
      const plain = serialize(session, value, false);
      if (typeof plain !== "string") return failure(plain);
      body = plain.slice(1);
    } else body = spliced;
  }
  if (exceedsBytes(body, limits.outputBytes))
    return failure({ kind: "output", message: `Output is larger than ${formatMegabytes(limits.outputBytes)}` });
  return success(body, isString);
}

function serialize(session: QuickJSSession, value: QuickJSHandle, useMarkers: boolean): string | SandboxError {
  const flag = useMarkers ? session.context.true : session.context.false;
  const result = session.callDriver("serialize", value, flag);
  if (!isSandboxError(result)) return session.context.getString(result);
  // An error without a line in the user's code came from JSON.stringify itself (cycle, BigInt…).
  if (result.kind === "runtime" && result.line === undefined) {
    return { kind: "result", message: `Your function must return a JSON-serializable value (${result.message})` };
  }
  return result;
}

function settlePromise(session: QuickJSSession, promise: QuickJSHandle): QuickJSHandle | SandboxError {
  const jobError = session.drainJobs();
  if (jobError) return jobError;
  const state = session.context.getPromiseState(promise);
  if (state.type === "fulfilled") return session.track(state.value);
  if (state.type === "rejected") return session.fail(state.error);
  return {
    kind: "result",
    message: "Your function returned a Promise that never settled (timers and network are not available)",
  };
}

/** A successful run's result; also rebuilt from a sandbox thread's reply (thread-pool.ts). */
export function success(serialized: string, isString: boolean): CodeRunResult {
  let parsed: { value: unknown } | undefined;
  return {
    ok: true,
    serialized,
    returnedString: isString,
    get value() {
      if (isString) return serialized;
      parsed ??= { value: JSON.parse(serialized) };
      return parsed.value;
    },
  };
}

function failure(error: SandboxError): CodeRunResult {
  return { ok: false, error };
}
