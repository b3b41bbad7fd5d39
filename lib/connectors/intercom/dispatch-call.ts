import type { Dispatcher } from "undici";

// One HTTP exchange through undici's lowest-level API, dispatch(), with a handler that collects
// the answer itself. undici's request() wraps every answer in a Readable stream; at thousands of
// calls a second that stream was a third of the client's CPU (a tight loop against the sandbox:
// 93–111 µs a call with dispatch, 136–152 with request and its stream).

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The whole call ran past its deadline while the body was still arriving (slower than bodyTimeout, never idle that long). */
export class CallDeadlineError extends Error {
  readonly code = "FLOWGATE_CALL_TIMEOUT";
  constructor() {
    super("The answer was still arriving when the call's time ran out");
    this.name = "CallDeadlineError";
  }
}

export interface CallRequest {
  origin: string;
  /** Path and query string. */
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Bounds the wait for the answer to start, and any pause in its body. */
  timeoutMs: number;
  /** performance.now() after which a body still arriving is dropped with CallDeadlineError. */
  deadline: number;
  /** A larger body is cut here (and its connection dropped) rather than buffered whole. */
  maxBytes: number;
  signal?: AbortSignal;
}

export interface CallAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bytes: Buffer;
  truncated: boolean;
}

/** Resolves with the answer; rejects with undici's error (or the signal's reason) when there is none. */
export function dispatchCall(dispatcher: Dispatcher, call: CallRequest): Promise<CallAnswer> {
  return new Promise((resolve, reject) => {
    if (call.signal?.aborted) return reject(call.signal.reason);
    let settled = false;
    let abort: ((reason: Error) => void) | undefined;
    let status = 0;
    const headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    const onAbort = () => abort?.(call.signal!.reason as Error);
    const settle = () => {
      settled = true;
      call.signal?.removeEventListener("abort", onAbort);
    };
    const finish = (truncated: boolean) => {
      if (settled) return;
      settle();
      resolve({ status, headers, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated });
    };
    const fail = (error: Error) => {
      if (settled) return;
      settle();
      reject(error);
    };
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortCall) {
        abort = abortCall;
        if (call.signal?.aborted) abortCall(call.signal.reason as Error);
      },
      onHeaders(statusCode, rawHeaders) {
        // 1xx answers (100 Continue) come before the real one.
        if (statusCode < 200) return true;
        status = statusCode;
        for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
          const name = rawHeaders[i]!.toString("latin1").toLowerCase();
          const value = rawHeaders[i + 1]!.toString("latin1");
          headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
        }
        return true;
      },
      onData(chunk) {
        if (settled) return false;
        if (performance.now() > call.deadline) {
          abort?.(new CallDeadlineError());
          return false;
        }
        if (size + chunk.length > call.maxBytes) {
          chunks.push(chunk.subarray(0, call.maxBytes - size));
          finish(true);
          abort?.(new Error("response body over the size limit"));
          return false;
        }
        chunks.push(chunk);
        size += chunk.length;
        return true;
      },
      onComplete() {
        finish(false);
      },
      onError(error) {
        fail(error);
      },
    };
    call.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      dispatcher.dispatch(
        {
          origin: call.origin,
          path: call.path,
          method: call.method,
          headers: call.headers,
          body: call.body ?? null,
          headersTimeout: call.timeoutMs,
          bodyTimeout: call.timeoutMs,
        },
        handler,
      );
    } catch (error) {
      fail(error as Error);
    }
  });
}
