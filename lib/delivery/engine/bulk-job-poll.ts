import type { IntercomResult } from "@/lib/connectors/intercom/client";
import { findEndpoint, findEndpointById } from "@/lib/connectors/intercom/definition";
import { fillPathTemplate } from "@/lib/connectors/intercom/match-path";
import { blockBudget } from "@/lib/rate-limit/credential-budget";
import { sleepUnlessAborted } from "./abortable-sleep";
import type { EndpointDefinition } from "@/lib/connectors/types";
import { applyRateLimitReport, type SendEnv, sendOnce } from "./send-request";

// Intercom's Preview bulk endpoints answer 202 with a job; the records are only delivered when
// the job ends. So the claim stays open while the job's status endpoint is polled, and the job's
// final state decides: completed → delivered, completed_with_errors → an error record.

const FINAL_STATES = new Set(["completed", "completed_with_errors", "failed", "canceled"]);

export interface BulkJobRef {
  jobId: string;
  statusUrl: string;
}

export type JobSpec = NonNullable<EndpointDefinition["job"]>;

/** The catalogue's job description when the destination's endpoint starts an asynchronous job. */
export function jobSpecFor(method: string, urlTemplate: string, version: string): JobSpec | undefined {
  return findEndpoint(method, urlTemplate, version)?.job;
}

/** The job to poll after `result`, when the endpoint starts one and the answer names it. */
export function bulkJobOf(spec: JobSpec | undefined, result: IntercomResult, baseUrl: string): BulkJobRef | undefined {
  if (!spec) return undefined;
  const status = findEndpointById(spec.statusEndpointId);
  const body = result.body as Record<string, unknown> | null;
  const jobId = body && typeof body === "object" ? body[spec.idProperty] : undefined;
  if (!status || typeof jobId !== "string" || jobId === "") return undefined;
  const [param] = status.pathParams;
  const path = param ? fillPathTemplate(status.path, { [param]: jobId }) : status.path;
  return { jobId, statusUrl: `${baseUrl.replace(/\/+$/, "")}${path}` };
}

export type BulkPollOutcome =
  | { kind: "finished"; state: string; result: IntercomResult }
  | { kind: "failed"; message: string; result?: IntercomResult }
  | { kind: "abandoned" };

/**
 * Polls until the job reaches a final state. Polling goes on while the destination is paused (the
 * job is already running at Intercom; abandoning it would send its records again on resume), and
 * stops only at shutdown.
 */
export async function pollBulkJob(
  job: BulkJobRef,
  env: SendEnv,
  onCall: (result: IntercomResult) => void,
): Promise<BulkPollOutcome> {
  const deadline = Date.now() + env.settings.bulkPollTimeoutMs;
  const pollEnv: SendEnv = { ...env, waitSignal: env.hardSignal };
  let last: IntercomResult | undefined;
  while (Date.now() < deadline) {
    if (!(await sleepUnlessAborted(env.settings.bulkPollIntervalMs, env.hardSignal))) return { kind: "abandoned" };
    let result: IntercomResult;
    try {
      await env.permits.acquire(env.hardSignal);
    } catch {
      return { kind: "abandoned" };
    }
    try {
      await env.budget.take(env.hardSignal);
      result = await sendOnce({ method: "GET", url: job.statusUrl, headers: {} }, pollEnv);
    } catch {
      return { kind: "abandoned" };
    } finally {
      env.permits.release();
    }
    last = result;
    onCall(result);
    if (env.hardSignal.aborted) return { kind: "abandoned" };
    applyRateLimitReport(env, result);
    if (result.outcome === "rate_limited") {
      const until = result.rateLimit?.resetAt ?? Date.now() + (result.retryAfterMs ?? 10_000);
      env.budget.dropReserve();
      await blockBudget(env.redis, env.credentialId, until, env.limitPer10s).catch(() => undefined);
      env.budget.nudge();
      await sleepUnlessAborted(until - Date.now(), env.hardSignal);
      continue;
    }
    if (result.outcome === "retry") continue;
    if (result.outcome !== "success")
      return {
        kind: "failed",
        message: `Could not read bulk job ${job.jobId}: ${result.errorMessage ?? result.status}`,
        result,
      };
    const state = (result.body as { state?: unknown } | null)?.state;
    if (typeof state === "string" && FINAL_STATES.has(state)) return { kind: "finished", state, result };
  }
  return {
    kind: "failed",
    message: `Bulk job ${job.jobId} did not finish within ${Math.round(env.settings.bulkPollTimeoutMs / 1000)} s`,
    result: last,
  };
}
