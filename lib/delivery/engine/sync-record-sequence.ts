import type { IntercomResult } from "@/lib/connectors/intercom/client";
import { runSync, type SyncResult } from "@/lib/connectors/intercom/sync/run-sync";
import type { SyncCall } from "@/lib/connectors/intercom/sync/sync-calls";
import type { BuiltRequest } from "@/lib/destinations/build-types";
import type { SyncMode } from "@/lib/destinations/sync-mode";
import { type CallRow, toCallRow } from "./call-record";
import { type AttemptEffect, type SendEnv, sendRequest } from "./send-request";

// One record of a sync destination: its sequence of calls (lib/connectors/intercom/sync), each call
// through the shared budget and the retry rules (sendRequest), each call a row of the activity
// log carrying the record's seq and its step, the call that concluded the sequence carrying the
// record's outcome. The rows come back as data with the result (send-record-request.ts yields them). Re-running a sequence after a crash is harmless: it finds the contact by its
// identifier (Intercom's 409, or a search) and updates it again.

export interface SyncRecordInput {
  request: BuiltRequest;
  seq: number;
  mode: SyncMode;
  /** company + attach: the contact identifier taken from the record. */
  contactIdentifierValue?: unknown;
  baseUrl: string;
  /** The calls' shared context. */
  callMeta: { organisationId: string; destinationId: string; configVersion: number; kind?: "delivery" | "replay" };
  send: SendEnv;
}

export interface SyncRecordResult {
  /** Every call made, in order, as its activity-log row; the last carries the record's outcome. */
  calls: { row: CallRow; effect: AttemptEffect }[];
  abandoned: boolean;
  attempts: number;
  sync: SyncResult;
  /** The concluding answer (the failing call's for an error), for the error record and response webhook. */
  final?: { call: SyncCall; result: IntercomResult };
}

export async function sendSyncRecord(input: SyncRecordInput): Promise<SyncRecordResult> {
  const results: { call: SyncCall; result: IntercomResult }[] = [];
  const calls: SyncRecordResult["calls"] = [];
  let attempts = 0;
  const meta = {
    kind: "delivery" as const,
    ...input.callMeta,
    firstSeq: input.seq,
    lastSeq: input.seq,
    recordCount: 1,
  };
  const sync = await runSync(
    {
      kind: input.mode.operation.sync.kind,
      identifier: input.mode.identifierFor(input.request.body),
      base: { baseUrl: input.baseUrl, headers: input.request.headers },
      body: input.request.body,
      contactIdentifierValue: input.contactIdentifierValue,
    },
    async (call) => {
      const outgoing = { method: call.method, url: call.url, headers: call.headers };
      const steps = sendRequest(call.body === undefined ? outgoing : { ...outgoing, body: call.body }, input.send, {
        attempts: 0,
        jobSpec: undefined,
      });
      let step = await steps.next();
      for (; !step.done; step = await steps.next()) {
        const event = step.value;
        if (event.kind === "call")
          calls.push({
            row: { ...toCallRow({ ...meta, attempt: event.attempt }, event.result), syncStep: call.step },
            effect: event.effect,
          });
      }
      const outcome = step.value;
      if (outcome.kind === "abandoned") return undefined;
      attempts = Math.max(attempts, outcome.attempts);
      // A call that gave up after its retries fails with the sender's reason.
      const result = outcome.reason ? { ...outcome.final, errorMessage: outcome.reason } : outcome.final;
      results.push({ call, result });
      return result;
    },
  );
  // The call that concluded the sequence carries the record's outcome.
  const last = calls.at(-1);
  if (last && sync.outcome !== "abandoned" && sync.outcome !== "error") last.row.recordOutcome = sync.outcome;
  const final = sync.failedCall !== undefined ? results[sync.failedCall] : results.at(-1);
  return { calls, abandoned: sync.outcome === "abandoned", attempts, sync, ...(final ? { final } : {}) };
}
