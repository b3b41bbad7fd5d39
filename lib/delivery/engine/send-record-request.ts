import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { BuiltRequest } from "@/lib/destinations/build-types";
import type { SyncMode } from "@/lib/destinations/sync-mode";
import type { BulkJobRef, JobSpec } from "./bulk-job-poll";
import { type CallMeta, type CallRow, toCallRow } from "./call-record";
import {
  type AttemptEffect,
  type RequestOutcome,
  type SendEnv,
  type SendStep,
  sendRequest,
  toOutgoing,
} from "./send-request";
import { sendSyncRecord } from "./sync-record-sequence";

// One request the request builder made for some records, through the send path: the one place that
// picks how it goes. An ordinary request makes its attempts, waits out 429s and polls a bulk job
// (send-request.ts); a sync destination's record runs its sequence of calls instead
// (sync-record-sequence.ts). Deliveries (claim-task.ts) and replays (replay-error-records.ts) both
// send through here. Every call made comes out as its activity-log row, and every retry scheduled,
// as data; the caller records them and decides.

export interface RecordRequest {
  request: BuiltRequest;
  /** The records' seqs, in the request's order. */
  seqs: number[];
  /** Set for a sync destination: the record runs this sequence. */
  sync: SyncMode | undefined;
  /** company + attach: the contact identifier taken from the record. */
  contactIdentifierValue?: unknown;
  callMeta: { organisationId: string; destinationId: string; configVersion: number; kind: "delivery" | "replay" };
  send: SendEnv;
  /** Attempts the records already used (a claim resent after a crash keeps its count). */
  attempts: number;
  /** Set when the endpoint answers with an asynchronous job to poll (Preview bulk). */
  jobSpec: JobSpec | undefined;
  /** A bulk job an earlier run started for these records: it is polled, and the request not sent again. */
  startedJob?: BulkJobRef;
}

export type RecordStep =
  | { kind: "call"; row: CallRow; effect: AttemptEffect }
  | { kind: "retry_scheduled"; attempt: number; at: Date }
  /** Intercom accepted a bulk job; it is polled next (the caller may remember it, see started-bulk-jobs.ts). */
  | { kind: "job_started"; job: BulkJobRef };

/** What sendRecordRequest returns: its steps, and always a way to stop early. */
export type RecordSteps = AsyncIterator<RecordStep, RecordOutcome> &
  Required<Pick<AsyncIterator<RecordStep, RecordOutcome>, "return">>;

export type RecordOutcome =
  | { kind: "abandoned" }
  | {
      kind: "done";
      attempts: number;
      /** The answer that concluded (for the response webhook); none when nothing was answered. */
      answer?: IntercomResult;
      /** A bulk job's final status body. */
      job?: unknown;
      /** Why the records did not get through, with the call that failed; undefined when they did. */
      failure?: { reason: string; call: { method: string; url: string; body?: string }; result?: IntercomResult };
    };

/**
 * The request's steps, as they happen, then its outcome: read them with `next()` until done; a caller
 * that stops before then calls `return()`, which gives back what the send path holds.
 */
export function sendRecordRequest(input: RecordRequest): RecordSteps {
  return input.sync ? syncSteps(input, input.sync) : new OrdinarySteps(input);
}

/**
 * An ordinary request's steps: the send path's (send-request.ts), each call turned into its
 * activity-log row. A plain iterator over the send path's generator rather than a generator of its
 * own: each step of an async generator costs several promises more, and the worker makes thousands
 * of calls a second (bench/delivery.ts overhead).
 */
class OrdinarySteps implements AsyncIterator<RecordStep, RecordOutcome> {
  private readonly steps: AsyncGenerator<SendStep, RequestOutcome>;
  private readonly meta: CallMeta;

  constructor(private readonly input: RecordRequest) {
    const { seqs } = input;
    this.meta = {
      ...input.callMeta,
      firstSeq: Math.min(...seqs),
      lastSeq: Math.max(...seqs),
      recordCount: seqs.length,
    };
    this.steps = sendRequest(toOutgoing(input.request), input.send, {
      attempts: input.attempts,
      jobSpec: input.jobSpec,
      ...(input.startedJob ? { startedJob: input.startedJob } : {}),
    });
  }

  // Each call is handed on while its call slot is still held (call-once.ts): what the caller does
  // with it (stop the run) happens before another call starts.
  async next(): Promise<IteratorResult<RecordStep, RecordOutcome>> {
    const step = await this.steps.next();
    if (step.done) return { done: true, value: this.outcomeOf(step.value) };
    const event = step.value;
    if (event.kind !== "call") return { done: false, value: event };
    const row = toCallRow({ ...this.meta, attempt: event.attempt }, event.result);
    return { done: false, value: { kind: "call", row, effect: event.effect } };
  }

  /** Stops early: the send path's finally blocks run (a call slot still held is given back). */
  async return(): Promise<IteratorResult<RecordStep, RecordOutcome>> {
    await this.steps.return({ kind: "abandoned" });
    return { done: true, value: { kind: "abandoned" } };
  }

  private outcomeOf(outcome: RequestOutcome): RecordOutcome {
    if (outcome.kind === "abandoned") return outcome;
    const { final, reason, attempts, job } = outcome;
    return {
      kind: "done",
      attempts,
      answer: final,
      ...(job !== undefined ? { job } : {}),
      ...(reason ? { failure: { reason, call: this.input.request, result: final } } : {}),
    };
  }
}

async function* syncSteps(input: RecordRequest, mode: SyncMode): AsyncGenerator<RecordStep, RecordOutcome> {
  const ran = await sendSyncRecord({
    request: input.request,
    seq: input.seqs[0]!,
    mode,
    contactIdentifierValue: input.contactIdentifierValue,
    baseUrl: input.send.baseUrl,
    callMeta: input.callMeta,
    send: input.send,
  });
  for (const call of ran.calls) yield { kind: "call", ...call };
  if (ran.abandoned) return { kind: "abandoned" };
  const answer = ran.final?.result;
  return {
    kind: "done",
    attempts: ran.attempts,
    ...(answer ? { answer } : {}),
    ...(ran.sync.outcome === "error"
      ? {
          failure: {
            reason: ran.sync.message ?? "The sequence failed",
            call: ran.final?.call ?? input.request,
            ...(answer ? { result: answer } : {}),
          },
        }
      : {}),
  };
}
