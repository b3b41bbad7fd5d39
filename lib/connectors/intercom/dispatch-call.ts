import type { Writable } from "node:stream";
import type { Dispatcher } from "undici";
import { OutboundRefusedError } from "./outbound-guard";
import { refusalOfPath } from "./sandbox-admin-path";

// One HTTP exchange through undici's lowest-level API, dispatch(), with a handler that collects
// the answer itself. undici's request() wraps every answer in a Readable stream; at thousands of
// calls a second that stream was about a third of the client's CPU. Kept for the delivery bench's
// overhead phases (the worker's CPU per record, throughput_ratio_by_cpu), where the figures are.

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
  body?: string | Buffer | undefined;
  /** Bounds the wait for the answer to start, and any pause in its body. */
  timeoutMs: number;
  /** performance.now() after which a body still arriving is dropped with CallDeadlineError. */
  deadline: number;
  /** A larger body is cut here (and its connection dropped) rather than buffered whole. */
  maxBytes: number;
  /**
   * Where a successful (2xx) answer's body goes instead of memory (a download to a file): written
   * with backpressure (the socket pauses while the sink is full); never ended here. `bytes` is then empty.
   */
  sink?: Writable | undefined;
  signal?: AbortSignal | undefined;
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
    // Security: the sandbox's admin API, however spelt, is never called (outbound-guard.ts).
    const refusal = refusalOfPath(call.path);
    if (refusal) return reject(new OutboundRefusedError(`Refusing to call ${call.origin}${call.path}: ${refusal}`));
    const handler = new CollectingHandler(call, resolve, reject);
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
      handler.onError(error as Error);
    }
  });
}

/**
 * undici's handler for one call. A class, not an object of closures: its methods are made once,
 * and a call allocates one object.
 */
class CollectingHandler implements Dispatcher.DispatchHandler {
  /** Neighbours in the list of calls in flight under the same signal (InFlightCalls). */
  newer: CollectingHandler | undefined;
  older: CollectingHandler | undefined;
  private settled = false;
  private abortCall: ((reason: Error) => void) | undefined;
  private resume: (() => void) | undefined;
  private status = 0;
  private readonly headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly call: CallRequest,
    private readonly resolve: (answer: CallAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    if (call.signal) inFlightUnder(call.signal).add(this);
  }

  /** The caller's signal aborted. */
  aborted(): void {
    this.abortCall?.(this.call.signal!.reason as Error);
  }

  onConnect(abort: (reason: Error) => void): void {
    this.abortCall = abort;
    if (this.call.signal?.aborted) abort(this.call.signal.reason as Error);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    // 1xx answers (100 Continue) come before the real one.
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.resume = resume;
    const headers = this.headers;
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toString("latin1").toLowerCase();
      const value = rawHeaders[i + 1]!.toString("latin1");
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return false;
    if (performance.now() > this.call.deadline) {
      this.abortCall?.(new CallDeadlineError());
      return false;
    }
    if (this.size + chunk.length > this.call.maxBytes) {
      if (!this.call.sink) this.chunks.push(chunk.subarray(0, this.call.maxBytes - this.size));
      this.finish(true);
      this.abortCall?.(new Error("response body over the size limit"));
      return false;
    }
    this.size += chunk.length;
    const sink = this.call.sink;
    if (sink && this.status < 300) {
      if (sink.write(chunk)) return true;
      sink.once("drain", () => this.resume?.());
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.finish(false);
  }

  onError(error: Error): void {
    if (this.settle()) this.reject(error);
  }

  private finish(truncated: boolean): void {
    if (!this.settle()) return;
    const chunks = this.chunks;
    this.resolve({
      status: this.status,
      headers: this.headers,
      bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
      truncated,
    });
  }

  /** True the first time: the call is over, whichever way. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.call.signal) callsInFlight.get(this.call.signal)?.remove(this);
    return true;
  }
}

/**
 * The calls in flight under each signal, and one abort listener per signal: the signal is a run's
 * (or a shutdown's), shared by thousands of calls, and an EventTarget listener added and removed
 * per call cost more than the rest of the handler. The calls are a list linked through their
 * handlers, each unlinked as it settles: a Set of them, its table rebuilt as calls came and went,
 * kept the calls it had held (and their answers) alive until the next full collection
 * (bench/delivery.ts overhead).
 */
class InFlightCalls {
  private newest: CollectingHandler | undefined;

  add(handler: CollectingHandler): void {
    handler.older = this.newest;
    if (this.newest) this.newest.newer = handler;
    this.newest = handler;
  }

  remove(handler: CollectingHandler): void {
    if (handler.newer) handler.newer.older = handler.older;
    else if (this.newest === handler) this.newest = handler.older;
    if (handler.older) handler.older.newer = handler.newer;
    handler.newer = undefined;
    handler.older = undefined;
  }

  /** Every call in flight, the list emptied (each call is aborted after). */
  takeAll(): CollectingHandler[] {
    const all: CollectingHandler[] = [];
    for (let handler = this.newest; handler; handler = handler.older) all.push(handler);
    for (const handler of all) this.remove(handler);
    return all;
  }
}

const callsInFlight = new WeakMap<AbortSignal, InFlightCalls>();

function inFlightUnder(signal: AbortSignal): InFlightCalls {
  const known = callsInFlight.get(signal);
  if (known) return known;
  const calls = new InFlightCalls();
  callsInFlight.set(signal, calls);
  signal.addEventListener("abort", () => calls.takeAll().forEach((handler) => handler.aborted()), { once: true });
  return calls;
}
