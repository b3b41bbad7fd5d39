import type { Redis } from "ioredis";
import { type IntercomResult, sendIntercomRequest } from "@/lib/connectors/intercom/client";
import type { HttpMethod } from "@/lib/connectors/types";
import type { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { blockBudget } from "@/lib/rate-limit/credential-budget";
import { sleepUnlessAborted } from "./abortable-sleep";
import { computeBackoffMs } from "./backoff";
import type { DeliverySettings } from "./delivery-settings";
import type { Semaphore } from "./semaphore";

// One request's life: wait for the shared budget, send, feed Intercom's rate-limit headers back
// into the budget, and act on the outcome the client classified (HOUSE-STYLE 11): success and
// conflict end it, a 429 waits for the reset without using an attempt, 5xx / timeouts / resets
// back off and try again up to maxAttempts, anything else is permanent.

export interface OutgoingRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SendEnv {
  redis: Redis;
  budget: BudgetDispenser;
  credentialId: string;
  baseUrl: string;
  token: string;
  version: string;
  limitPer10s: number;
  settings: DeliverySettings;
  /** Bounds the calls in flight at once (the destination's concurrency). */
  permits: Semaphore;
  /** Aborted when the run drains (pause, shutdown): stop waiting, start no new call. */
  waitSignal: AbortSignal;
  /** Aborted when a shutdown's grace ran out: cancel calls in flight. */
  hardSignal: AbortSignal;
}

/** "neutral" calls (429s, calls cancelled by shutdown) use no attempt and leave the failure streak alone. */
export type AttemptEffect = "success" | "failure" | "neutral";

export interface SendHooks {
  /** The attempt number the next call would use (1-based). */
  nextAttempt(): number;
  /** Every call made, in order; a non-neutral call used `attempt`. */
  onCall(result: IntercomResult, attempt: number, effect: AttemptEffect): void;
  /** A retry is scheduled for `at`. */
  onRetryScheduled?(attempt: number, at: Date): void;
}

export type SendOutcome = { kind: "done"; result: IntercomResult; gaveUp: boolean } | { kind: "abandoned" };

/** `permitHeld`: the caller already holds a permit (it built the request under it); it is used for the first attempt. */
export async function sendWithRetries(
  request: OutgoingRequest,
  env: SendEnv,
  hooks: SendHooks,
  permitHeld = false,
): Promise<SendOutcome> {
  let holding = permitHeld;
  for (;;) {
    if (env.waitSignal.aborted) {
      if (holding) env.permits.release();
      return { kind: "abandoned" };
    }
    if (!holding) {
      try {
        await env.permits.acquire(env.waitSignal);
      } catch {
        return { kind: "abandoned" };
      }
    }
    holding = false;
    let result: IntercomResult;
    let attempt: number;
    try {
      await env.budget.take(env.waitSignal);
      attempt = hooks.nextAttempt();
      result = await sendOnce(request, env);
    } catch {
      return { kind: "abandoned" };
    } finally {
      env.permits.release();
    }
    if (env.hardSignal.aborted && result.status === undefined) {
      hooks.onCall(result, attempt, "neutral");
      return { kind: "abandoned" };
    }
    applyRateLimitReport(env, result);

    if (result.outcome === "rate_limited") {
      hooks.onCall(result, attempt, "neutral");
      const until = result.rateLimit?.resetAt ?? Date.now() + (result.retryAfterMs ?? 10_000);
      env.budget.dropReserve();
      await blockBudget(env.redis, env.credentialId, until, env.limitPer10s).catch(() => undefined);
      env.budget.nudge();
      if (!(await sleepUnlessAborted(until - Date.now(), env.waitSignal))) return { kind: "abandoned" };
      continue;
    }
    if (result.outcome === "success" || result.outcome === "conflict") {
      hooks.onCall(result, attempt, "success");
      return { kind: "done", result, gaveUp: false };
    }
    hooks.onCall(result, attempt, "failure");
    if (result.outcome === "permanent") return { kind: "done", result, gaveUp: false };
    if (attempt >= env.settings.maxAttempts) return { kind: "done", result, gaveUp: true };
    const delay = Math.max(
      computeBackoffMs(attempt, env.settings.backoffBaseMs, env.settings.backoffMaxMs),
      result.retryAfterMs ?? 0,
    );
    hooks.onRetryScheduled?.(attempt, new Date(Date.now() + delay));
    if (!(await sleepUnlessAborted(delay, env.waitSignal))) return { kind: "abandoned" };
  }
}

export function sendOnce(request: OutgoingRequest, env: SendEnv): Promise<IntercomResult> {
  return sendIntercomRequest({
    method: request.method,
    url: request.url,
    baseUrl: env.baseUrl,
    token: env.token,
    version: env.version,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    timeoutMs: env.settings.requestTimeoutMs,
    signal: env.hardSignal,
  });
}

/** Feeds Intercom's X-RateLimit-* headers back into the shared budget. */
export function applyRateLimitReport(env: SendEnv, result: IntercomResult): void {
  if (result.rateLimit) env.budget.report(result.rateLimit);
}
