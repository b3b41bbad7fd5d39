import type { Redis } from "ioredis";
import { type IntercomResult, sendIntercomRequest } from "@/lib/connectors/intercom/client";
import type { HttpMethod } from "@/lib/connectors/types";
import type { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { blockBudget } from "@/lib/rate-limit/credential-budget";
import { sleepUnlessAborted } from "./abortable-sleep";
import type { CallWindow } from "./call-window";
import type { DeliverySettings } from "./delivery-settings";

// One call to Intercom, the only place that takes a call slot and a share of the budget: both are
// taken, the call made, and the slot given back in the same finally. Every call of the send path
// (a request's attempts, a bulk job's polls) goes through here, and so does the one other holder
// of a slot: a claim building its requests (withCallSlot), so that it builds them only when a call
// could start, with the settings current then.

export interface OutgoingRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface SendEnv {
  redis: Redis;
  budget: BudgetDispenser;
  credentialId: string;
  /** Who waits for the budget: destinations sharing a credential take turns. */
  destinationId: string;
  baseUrl: string;
  token: string;
  version: string;
  limitPer10s: number;
  settings: DeliverySettings;
  /** Bounds the calls in flight at once; sized from the answer times observed. */
  permits: CallWindow;
  /** Aborted when the run drains (pause, shutdown): stop waiting, start no new call. */
  waitSignal: AbortSignal;
  /** Aborted when a shutdown's grace ran out: cancel calls in flight. */
  hardSignal: AbortSignal;
}

/**
 * What a call means for the run (failure-streak.ts). "neutral" calls (429s, bulk-job polls, calls
 * cancelled by shutdown) use no attempt and leave the failure streak alone; "credential_rejected"
 * (a 401: the token was revoked) stops the run's calls at once, since none of them can succeed.
 */
export type AttemptEffect = "success" | "failure" | "neutral" | "credential_rejected";

export interface CallStep {
  kind: "call";
  result: IntercomResult;
  attempt: number;
  effect: AttemptEffect;
}

/**
 * Waits for a slot and the budget (until `signal` aborts: then undefined, no call made), calls,
 * and yields the call while still holding the slot: the caller records it (and may stop the run)
 * before the slot lets another call start. `counts`: whether the call can use an attempt.
 */
export async function* callOnce(
  request: OutgoingRequest,
  env: SendEnv,
  signal: AbortSignal,
  attempt: number,
  counts: boolean,
): AsyncGenerator<CallStep, IntercomResult | undefined> {
  try {
    await env.permits.acquire(signal);
  } catch {
    return undefined;
  }
  try {
    let result: IntercomResult;
    try {
      await env.budget.take(signal, env.destinationId);
      result = await sendIntercomRequest({
        method: request.method,
        url: request.url,
        baseUrl: env.baseUrl,
        token: env.token,
        version: env.version,
        headers: request.headers,
        body: request.body,
        timeoutMs: env.settings.requestTimeoutMs,
        signal: env.hardSignal,
      });
    } catch {
      return undefined;
    }
    if (result.status !== undefined) env.permits.observe(result.latencyMs, env.budget.ratePerSecond);
    // Intercom's X-RateLimit-* headers correct the shared budget.
    if (result.rateLimit) env.budget.report(result.rateLimit);
    yield { kind: "call", result, attempt, effect: effectOf(result, env, counts) };
    return result;
  } finally {
    env.permits.release();
  }
}

/**
 * Runs `prepare` holding one call slot, given back in its finally: what the next calls need is made
 * only once one of them could start (an edit made meanwhile applies). Undefined, and `prepare` not
 * run, if `signal` aborts first: a draining run prepares nothing.
 */
export async function withCallSlot<T>(
  env: Pick<SendEnv, "permits">,
  signal: AbortSignal,
  prepare: () => Promise<T>,
): Promise<T | undefined> {
  try {
    await env.permits.acquire(signal);
  } catch {
    return undefined;
  }
  try {
    return await prepare();
  } finally {
    env.permits.release();
  }
}

function effectOf(result: IntercomResult, env: SendEnv, counts: boolean): AttemptEffect {
  // A revoked token is the connection's problem, not the records': the run pauses instead (a bulk
  // job's poll too, though polls count in nothing else).
  if (result.credentialRejected) return "credential_rejected";
  if (!counts || result.outcome === "rate_limited") return "neutral";
  if (env.hardSignal.aborted && result.status === undefined) return "neutral";
  return result.outcome === "success" || result.outcome === "conflict" ? "success" : "failure";
}

/**
 * A 429: nobody sharing the credential calls again before Intercom's reset (the reserve is given
 * back, the shared budget blocked), and this caller sleeps until then. False if `signal` aborted.
 */
export async function waitOutRateLimit(env: SendEnv, result: IntercomResult, signal: AbortSignal): Promise<boolean> {
  const until = result.rateLimit?.resetAt ?? Date.now() + (result.retryAfterMs ?? 10_000);
  env.budget.dropReserve();
  await blockBudget(env.redis, env.credentialId, until, env.limitPer10s).catch(() => undefined);
  env.budget.nudge();
  return sleepUnlessAborted(until - Date.now(), signal);
}
