import type { HttpMethod } from "@/lib/connectors/types";
import { DomainError } from "@/lib/errors";
import { sendIntercomRequest } from "../client";
import type { IntercomRequest, IntercomResult } from "../client-types";

/** What every operation needs: where, as whom, and how patiently. Never put it in a job payload. */
export interface IntercomContext {
  baseUrl: string;
  token: string;
  version?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Attempts per call for retry/rate_limited outcomes (default 4). */
  maxAttempts?: number;
  /** Longest wait between attempts (default 60 s). */
  maxWaitMs?: number;
  /** Sees every call (request masked), for the sources' debug view of each step. */
  onCall?: (result: IntercomResult) => void;
}

export interface OperationCall {
  method: HttpMethod;
  path?: string;
  url?: string;
  query?: IntercomRequest["query"];
  body?: unknown;
  accept?: string;
  responseType?: IntercomRequest["responseType"];
  maxResponseBytes?: number;
}

/** A call that did not succeed after its attempts; carries the last classified result. */
export class IntercomCallError extends DomainError {
  readonly result: IntercomResult;

  constructor(result: IntercomResult) {
    const what = `${result.request.method} ${pathOf(result.request.url)}`;
    super("intercom_error", `Intercom call ${what} failed: ${result.errorMessage ?? result.outcome}`, {
      status: 502,
      details: { outcome: result.outcome, status: result.status, errors: result.errors },
    });
    this.result = result;
  }
}

/**
 * One operation step: sends, waits out 429s until the window resets and retries 5xx/timeouts
 * with jittered backoff, then returns the success or throws IntercomCallError.
 */
export async function callIntercom(ctx: IntercomContext, call: OperationCall): Promise<IntercomResult> {
  const maxAttempts = ctx.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    const result = await sendIntercomRequest({
      ...call,
      baseUrl: ctx.baseUrl,
      token: ctx.token,
      version: ctx.version,
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
    });
    ctx.onCall?.(result);
    if (result.outcome === "success") return result;
    const retryable = result.outcome === "retry" || result.outcome === "rate_limited";
    if (!retryable || attempt >= maxAttempts || ctx.signal?.aborted) throw new IntercomCallError(result);
    await sleep(waitBeforeRetry(result, attempt, ctx.maxWaitMs ?? 60_000), ctx.signal);
  }
}

export function waitBeforeRetry(result: IntercomResult, attempt: number, maxWaitMs: number): number {
  if (result.retryAfterMs !== undefined) return Math.min(maxWaitMs, result.retryAfterMs);
  const base = Math.min(maxWaitMs, 250 * 2 ** (attempt - 1));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
