import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { HttpMethod } from "@/lib/connectors/types";
import type { BuiltRequest } from "@/lib/destinations/build-types";
import { sleepUnlessAborted } from "./abortable-sleep";
import { computeBackoffMs } from "./backoff";
import { type BulkJobRef, bulkJobOf, type JobSpec, pollBulkJob } from "./bulk-job-poll";
import {
  type AttemptEffect,
  callOnce,
  type CallStep,
  type OutgoingRequest,
  type SendEnv,
  waitOutRateLimit,
} from "./call-once";

export type { AttemptEffect, OutgoingRequest, SendEnv };

// The send path: one request's whole life, the same for deliveries and replays (HOUSE-STYLE 15).
// Each attempt goes through callOnce (slot and budget), and the outcome the client classified
// (HOUSE-STYLE 11) decides: success and conflict end it, a 429 waits for the reset without using an
// attempt, 5xx / timeouts / resets back off and try again up to maxAttempts, anything else is
// permanent. When the endpoint answers with a bulk job, the job is polled and its end decides.
//
// The sender makes no decision about records or the failure streak and calls no hooks: it yields
// every call made and every retry it schedules, as they happen, and returns the outcome. The
// caller records them (the journal, the activity log) and decides; stopping early is its
// `return()`, which runs this generator's finally blocks.

export type SendStep =
  | CallStep
  | { kind: "retry_scheduled"; attempt: number; at: Date }
  /** Intercom accepted a bulk job; it is polled next (the caller may remember it, see started-bulk-jobs.ts). */
  | { kind: "job_started"; job: BulkJobRef };

export type RequestOutcome =
  | { kind: "abandoned" }
  | {
      kind: "done";
      /** The answer that decided: the request's, or the bulk job's final state when it failed. */
      final: IntercomResult;
      attempts: number;
      /** Why the request's records did not get through; undefined when they did. */
      reason?: string;
      /** A bulk job's final status body. */
      job?: unknown;
    };

export interface SendOptions {
  /** Attempts this request's records already used (a claim resent after a crash keeps its count). */
  attempts: number;
  /** Set when the endpoint answers with an asynchronous job to poll (Preview bulk). */
  jobSpec: JobSpec | undefined;
  /** A job an earlier run started for these records: it is polled, and the request not sent again. */
  startedJob?: BulkJobRef;
}

const ABANDONED: RequestOutcome = { kind: "abandoned" };

export async function* sendRequest(
  request: OutgoingRequest,
  env: SendEnv,
  options: SendOptions,
): AsyncGenerator<SendStep, RequestOutcome> {
  if (options.startedJob) return yield* awaitBulkJob(options.startedJob, undefined, env, options.attempts);
  let attempts = options.attempts;
  let final: IntercomResult;
  for (;;) {
    const attempt = attempts + 1;
    const result = yield* callOnce(request, env, env.waitSignal, attempt, true);
    if (!result) return ABANDONED;
    if (env.hardSignal.aborted && result.status === undefined) return ABANDONED;
    if (result.outcome === "rate_limited") {
      if (!(await waitOutRateLimit(env, result, env.waitSignal))) return ABANDONED;
      continue;
    }
    attempts = attempt;
    if (result.outcome === "success" || result.outcome === "conflict") {
      final = result;
      break;
    }
    if (result.outcome === "permanent")
      return {
        kind: "done",
        final: result,
        attempts,
        reason: result.errorMessage ?? `Intercom answered ${result.status}`,
      };
    if (attempt >= env.settings.maxAttempts)
      return {
        kind: "done",
        final: result,
        attempts,
        reason: `Gave up after ${attempts} attempts: ${result.errorMessage ?? "no answer"}`,
      };
    const delay = Math.max(
      computeBackoffMs(attempt, env.settings.backoffBaseMs, env.settings.backoffMaxMs),
      result.retryAfterMs ?? 0,
    );
    yield { kind: "retry_scheduled", attempt, at: new Date(Date.now() + delay) };
    if (!(await sleepUnlessAborted(delay, env.waitSignal))) return ABANDONED;
  }

  const bulk = final.outcome === "success" ? bulkJobOf(options.jobSpec, final, env.baseUrl) : undefined;
  if (!bulk) return { kind: "done", final, attempts };
  yield { kind: "job_started", job: bulk };
  return yield* awaitBulkJob(bulk, final, env, attempts);
}

/** Polls a bulk job to its end; `accepted` is the answer that started it (unknown when resumed). */
async function* awaitBulkJob(
  bulk: BulkJobRef,
  accepted: IntercomResult | undefined,
  env: SendEnv,
  attempts: number,
): AsyncGenerator<SendStep, RequestOutcome> {
  const polled = yield* pollBulkJob(bulk, env, attempts);
  if (polled.kind === "abandoned") return ABANDONED;
  const job = polled.result?.body;
  if (polled.kind === "failed") {
    const final = polled.result ?? accepted;
    if (!final) return ABANDONED;
    return { kind: "done", final, attempts, reason: polled.message, job };
  }
  if (polled.state !== "completed")
    return {
      kind: "done",
      final: polled.result,
      attempts,
      reason: `Bulk job ${bulk.jobId} ended ${polled.state}`,
      job,
    };
  return { kind: "done", final: accepted ?? polled.result, attempts, job };
}

/** A request as the request builder made it, as the send path sends it. */
export function toOutgoing(request: BuiltRequest): OutgoingRequest {
  return { method: request.method as HttpMethod, url: request.url, headers: request.headers, body: request.body };
}
