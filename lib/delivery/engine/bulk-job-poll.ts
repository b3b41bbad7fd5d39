import type { IntercomResult } from "@/lib/connectors/intercom/client";
import { findEndpoint, findEndpointById } from "@/lib/connectors/intercom/definition";
import { fillPathTemplate } from "@/lib/connectors/intercom/match-path";
import { sleepUnlessAborted } from "./abortable-sleep";
import type { EndpointDefinition } from "@/lib/connectors/types";
import { callOnce, type CallStep, type SendEnv, waitOutRateLimit } from "./call-once";

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
 * Polls until the job reaches a final state, yielding each poll (as a neutral call of `attempt`).
 * Polling goes on while the destination is paused (the job is already running at Intercom;
 * abandoning it would send its records again on resume), and stops only at shutdown.
 */
export async function* pollBulkJob(
  job: BulkJobRef,
  env: SendEnv,
  attempt: number,
): AsyncGenerator<CallStep, BulkPollOutcome> {
  const deadline = Date.now() + env.settings.bulkPollTimeoutMs;
  let last: IntercomResult | undefined;
  while (Date.now() < deadline) {
    if (!(await sleepUnlessAborted(env.settings.bulkPollIntervalMs, env.hardSignal))) return { kind: "abandoned" };
    const poll = { method: "GET" as const, url: job.statusUrl, headers: {} };
    const result = yield* callOnce(poll, env, env.hardSignal, attempt, false);
    if (!result) return { kind: "abandoned" };
    last = result;
    if (env.hardSignal.aborted) return { kind: "abandoned" };
    if (result.outcome === "rate_limited") {
      await waitOutRateLimit(env, result, env.hardSignal);
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
