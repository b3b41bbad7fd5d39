import type { IntercomResult } from "@/lib/connectors/intercom/client";
import { runSync, type SyncResult } from "@/lib/connectors/intercom/sync/run-sync";
import type { SyncCall } from "@/lib/connectors/intercom/sync/sync-calls";
import type { BuiltRequest } from "@/lib/destinations/build-types";
import type { SyncMode } from "@/lib/destinations/sync-mode";
import { type CallRow, toCallRow, truncateBody } from "./call-record";
import type { ErrorRow } from "./delivery-journal";
import { type SendEnv, sendWithRetries } from "./send-request";

// One record of a sync destination: its sequence of calls (lib/connectors/intercom/sync), each call
// through the shared budget and the retry rules (sendWithRetries), each call a row of the activity
// log carrying the record's seq and its step, the call that concluded the sequence carrying the
// record's outcome. Re-running a sequence after a crash is harmless: it finds the contact by its
// identifier (Intercom's 409, or a search) and updates it again.

export interface SyncRecordInput {
  request: BuiltRequest;
  seq: number;
  mode: SyncMode;
  /** company + attach: the contact identifier taken from the record. */
  contactIdentifierValue?: unknown;
  baseUrl: string;
  /** The calls' shared context. */
  callMeta: { organisationId: string; destinationId: string; configVersion: number };
  send: SendEnv;
  holdsPermit: boolean;
  /** Every call row, in order, once the sequence is over (or abandoned). */
  recordCalls(rows: { row: CallRow; streak: "reset" | "fail" | "none" }[]): void;
}

export interface SyncRecordResult {
  abandoned: boolean;
  attempts: number;
  sync: SyncResult;
  /** The concluding answer (the failing call's for an error), for the error record and response webhook. */
  final?: { call: SyncCall; result: IntercomResult };
}

export async function sendSyncRecord(input: SyncRecordInput): Promise<SyncRecordResult> {
  const rows: { row: CallRow; streak: "reset" | "fail" | "none" }[] = [];
  const results: { call: SyncCall; result: IntercomResult }[] = [];
  let attempts = 0;
  let permit = input.holdsPermit;
  const sync = await runSync(
    {
      kind: input.mode.operation.sync.kind,
      identifier: input.mode.identifierFor(input.request.body),
      base: { baseUrl: input.baseUrl, headers: input.request.headers },
      body: input.request.body,
      contactIdentifierValue: input.contactIdentifierValue,
    },
    async (call) => {
      let callAttempts = 0;
      const outcome = await sendWithRetries(
        {
          method: call.method,
          url: call.url,
          headers: call.headers,
          ...(call.body !== undefined ? { body: call.body } : {}),
        },
        input.send,
        {
          nextAttempt: () => callAttempts + 1,
          onCall: (result, attempt, effect) => {
            if (effect !== "neutral") callAttempts = attempt;
            const meta = {
              ...input.callMeta,
              kind: "delivery" as const,
              attempt,
              firstSeq: input.seq,
              lastSeq: input.seq,
              recordCount: 1,
            };
            const row = { ...toCallRow(meta, result), syncStep: call.step };
            rows.push({ row, streak: effect === "success" ? "reset" : effect === "failure" ? "fail" : "none" });
          },
        },
        permit,
      );
      permit = false;
      attempts = Math.max(attempts, callAttempts);
      if (outcome.kind === "abandoned") return undefined;
      results.push({ call, result: outcome.result });
      return outcome.result;
    },
  );
  // The record's outcome goes on the row of the call that concluded it (the last one made).
  const concluding = rows.at(-1);
  if (concluding && sync.outcome !== "abandoned" && sync.outcome !== "error")
    concluding.row.recordOutcome = sync.outcome;
  input.recordCalls(rows);
  const final = sync.failedCall !== undefined ? results[sync.failedCall] : results.at(-1);
  return { abandoned: sync.outcome === "abandoned", attempts, sync, ...(final ? { final } : {}) };
}

/** The error record of a sequence that ended in error: the failing call, or the record's body when nothing was sent. */
export function syncErrorRow(
  base: Omit<ErrorRow, "reason" | "requestMethod" | "requestUrl" | "requestBody" | "responseStatus" | "responseBody">,
  request: BuiltRequest,
  outcome: SyncRecordResult,
): ErrorRow {
  const failing = outcome.final;
  return {
    ...base,
    reason: (outcome.sync.message ?? "The sequence failed").slice(0, 4000),
    requestMethod: failing?.call.method ?? request.method,
    requestUrl: failing?.call.url ?? request.url,
    requestBody: truncateBody(failing ? failing.call.body : request.body),
    responseStatus: failing?.result.status ?? null,
    responseBody: failing && failing.result.status !== undefined ? truncateBody(failing.result.rawBody) : null,
  };
}
