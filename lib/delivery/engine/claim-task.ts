import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import type { BuiltRequest } from "@/lib/destinations/build-types";
import { buildRequests } from "@/lib/destinations/request-builder";
import { syncModeOf } from "@/lib/destinations/sync-mode";
import type { DestinationConfig } from "@/lib/destinations/schemas";
import type { JsonRecord } from "@/lib/nexsets/append-records";
import { formatBytes } from "@/lib/nexsets/record-size";
import { inLanes } from "@/lib/async/in-lanes";
import { sleepUnlessAborted } from "./abortable-sleep";
import type { JobSpec } from "./bulk-job-poll";
import { truncateBody } from "./call-record";
import { contiguousRuns } from "./claim-ledger";
import { isDone, type LoadedRecord, loadRecords, maskOf, type StoredClaim, tracksRecords } from "./claim-store";
import type { DeliveryJournal, ErrorRow } from "./delivery-journal";
import type { FailureStreak } from "./failure-streak";
import { buildResponseRecord } from "@/lib/delivery/response-webhook";
import { type SendEnv, withCallSlot } from "./call-once";
import { type RecordRequest, sendRecordRequest } from "./send-record-request";
import type { SqlExecutor } from "@/lib/db/sql-executor";
import { forgetBulkJob, rememberBulkJob, startedBulkJob } from "./started-bulk-jobs";

// One claim, start to finish: load its records, build its request(s) with the config current
// now, send each (send-record-request.ts: an ordinary request or a sync sequence, through the
// shared budget with retries), count each call in the run's failure streak, and hand the journal
// what came of them: call rows, error records and response-webhook records. A claim of several calls sends them side by side
// (the destination's permits bound how many run at once) and, when it tracks records (doneMask),
// commits each call's records as done when it ends. If the run drains first, the claim is
// abandoned: it stays in_flight in PostgreSQL and the next run sends what is not done.

export interface OpenClaim extends StoredClaim {
  records?: LoadedRecord[];
  /** Bytes of the byte pool this claim holds while it runs (claim-opener.ts reserves them; the run gives them back). */
  bytes?: number;
}

export interface ClaimSettings {
  config: DestinationConfig;
  configVersion: number;
  responseWebhook: boolean;
  /** Set when the endpoint answers with an asynchronous job to poll (Preview bulk). */
  jobSpec: JobSpec | undefined;
}

export interface ClaimTaskEnv {
  sql: SqlExecutor;
  journal: DeliveryJournal;
  /** The run's failure streak: every call counts in it (a 401 stops the run's calls there too). */
  streak: FailureStreak;
  runCode: CodeRunner;
  destination: { id: string; organisationId: string; nexsetId: string };
  /** Records larger than this are not loaded: each becomes an error record. */
  maxRecordBytes: number;
  /** The destination's settings now: read when the claim's request is built. */
  current(): ClaimSettings;
  send: SendEnv;
}

/** What one request of a claim left behind. */
interface RequestResult {
  abandoned: boolean;
  attempts: number;
  errorRecords: ErrorRow[];
  responses: JsonRecord[];
}

/** How a claim ended: its records are committed, or it stays in flight for later, or the settings can't build a request. */
export type ClaimEnd = "finished" | "abandoned" | { configError: string };

export async function runClaim(claim: OpenClaim, env: ClaimTaskEnv): Promise<ClaimEnd> {
  // A claim left waiting for its retry by an earlier run keeps its backoff.
  const waitMs = (claim.nextAttemptAt?.getTime() ?? 0) - Date.now();
  if (waitMs > 0 && !(await sleepUnlessAborted(waitMs, env.send.waitSignal))) return "abandoned";
  // The requests are built when a call slot is free, with the settings current at that moment (an
  // edit applies to the next call); the slot is given back at once (call-once.ts owns the slots),
  // and each call takes its own.
  const prepared = await withCallSlot(env.send, env.send.waitSignal, () => buildClaimRequests(claim, env));
  if (!prepared) return "abandoned";
  const { recordSeqs, built, settings, contactValues, oversize } = prepared;
  if (built.configErrors.length > 0)
    return {
      configError: `The destination's settings can't build a request: ${built.configErrors.map((e) => e.message).join("; ")}`,
    };
  const errorRow = (firstSeq: number, lastSeq: number, reason: string) =>
    toErrorRow(env, settings.configVersion, firstSeq, lastSeq, reason);
  const seqOf = (index: number) => recordSeqs[index]!;
  const errorRecords: ErrorRow[] = built.recordErrors.map((error) =>
    errorRow(seqOf(error.index), seqOf(error.index), error.message),
  );
  for (const record of oversize) {
    errorRecords.push(
      errorRow(
        record.seq,
        record.seq,
        `The record is ${formatBytes(record.bytes)} as JSON, over the ${formatBytes(env.maxRecordBytes)} a record may be to be sent (FLOWGATE_DELIVERY_MAX_RECORD_BYTES); it was not loaded`,
      ),
    );
  }
  const present = new Set([...recordSeqs, ...oversize.map((record) => record.seq)]);
  for (let seq = claim.firstSeq; seq <= claim.lastSeq; seq++) {
    if (!present.has(seq) && !isDone(claim, seq))
      errorRecords.push(errorRow(seq, seq, "The record no longer exists in the Nexset"));
  }

  // Each call of a claim that tracks records commits its records as done on its own; otherwise
  // the claim's finish carries everything.
  const partial = built.requests.length > 1 && tracksRecords(claim);
  const send: SendEnv = { ...env.send, version: settings.config.intercomVersion };
  const sync = syncModeOf(settings.config);
  const callMeta = {
    organisationId: env.destination.organisationId,
    destinationId: env.destination.id,
    configVersion: settings.configVersion,
    kind: "delivery" as const,
  };
  const sendOne = async (request: BuiltRequest): Promise<RequestResult> => {
    const seqs = request.recordIndexes.map(seqOf);
    const input: RecordRequest = {
      request,
      seqs,
      sync,
      contactIdentifierValue: contactValues[request.recordIndexes[0]!],
      callMeta,
      send,
      attempts: claim.attempts,
      jobSpec: settings.jobSpec,
    };
    const result = await sendClaimRequest(claim.id, input, settings, env);
    if (partial && !result.abandoned) {
      const mask = maskOf(claim, seqs);
      // Kept here too: if this run sends the claim again (after a database error), it skips these.
      claim.doneMask |= mask;
      env.journal.recordDone(claim.id, mask, seqs.length, result.errorRecords, result.responses);
      return { ...result, errorRecords: [], responses: [] };
    }
    return result;
  };
  // At most as many of the claim's requests on their way as the window has slots: the others wait as
  // requests, not as send paths started and parked (each a chain of promises the young generation's
  // collections would copy, claim after claim).
  const results = await inLanes(built.requests, sendOne, () => env.send.permits.size);
  if (results.some((r) => r.abandoned)) return "abandoned";

  const failed = errorRecords.length > 0 || results.some((r) => r.errorRecords.length > 0);
  await env.journal.finish({
    claimId: claim.id,
    range: { firstSeq: claim.firstSeq, lastSeq: claim.lastSeq },
    status: failed ? "error" : "delivered",
    attempts: Math.max(claim.attempts, ...results.map((r) => r.attempts)),
    errorRecords: errorRecords.concat(...results.map((r) => r.errorRecords)),
    responses: results.flatMap((r) => r.responses),
    // With partial commits, each call's records were recorded as done as it ended.
    answered: partial ? 0 : built.requests.reduce((count, request) => count + request.recordIndexes.length, 0),
  });
  return "finished";
}

/**
 * One request of a claim through the send path (send-record-request.ts): each call counts in the
 * run's failure streak and goes to the journal as it is made, the outcome turned into rows.
 */
async function sendClaimRequest(
  claimId: bigint,
  input: RecordRequest,
  settings: ClaimSettings,
  env: ClaimTaskEnv,
): Promise<RequestResult> {
  const { redis } = input.send;
  // A bulk job an earlier run started for these records is polled, not started again.
  const startedJob = input.jobSpec ? await startedBulkJob(redis, claimId, input.seqs) : undefined;
  const steps = sendRecordRequest(startedJob ? { ...input, startedJob } : input);
  let step = await steps.next();
  try {
    for (; !step.done; step = await steps.next()) {
      const event = step.value;
      if (event.kind === "retry_scheduled") env.journal.recordProgress(claimId, event.attempt, event.at);
      else if (event.kind === "job_started") await rememberBulkJob(redis, claimId, input.seqs, event.job);
      else {
        // Counted while the call still holds its slot: a 401 or the streak's limit stops the run's calls at once.
        env.streak.count(event.effect, event.row.errorMessage ?? `HTTP ${event.row.responseStatus ?? "error"}`);
        env.journal.recordCall(event.row);
      }
    }
  } catch (error) {
    // Redis refused to remember a bulk job, say: the send path stops here, and gives back what it holds.
    await steps.return();
    throw error;
  }
  const outcome = step.value;
  if (outcome.kind === "abandoned")
    return { abandoned: true, attempts: input.attempts, errorRecords: [], responses: [] };
  const rejected = outcome.answer?.credentialRejected === true;
  // A 401 on a bulk job's poll leaves the job remembered: after Reconnect its end is read, not resent.
  if (input.jobSpec && !rejected) await forgetBulkJob(redis, claimId, input.seqs);
  // A refused token is the connection's problem, not the records': they stay in flight for after Reconnect.
  if (rejected) return { abandoned: true, attempts: input.attempts, errorRecords: [], responses: [] };
  const { configVersion } = settings;
  const { failure, answer } = outcome;
  const errorRecords = failure
    ? contiguousRuns(input.seqs).map((run) =>
        toErrorRow(env, configVersion, run.firstSeq, run.lastSeq, failure.reason, failure.call, failure.result),
      )
    : [];
  const responses =
    settings.responseWebhook && answer
      ? [
          buildResponseRecord({
            destinationId: env.destination.id,
            configVersion,
            kind: "delivery",
            result: answer,
            seqs: input.seqs,
            job: outcome.job,
          }),
        ]
      : [];
  return { abandoned: false, attempts: outcome.attempts, errorRecords, responses };
}

/** Only the requests are kept while the calls (and bulk-job polls) run: the records can go. */
async function buildClaimRequests(claim: OpenClaim, env: ClaimTaskEnv) {
  const loaded =
    claim.records ??
    (await loadRecords(env.sql, env.destination.nexsetId, claim.firstSeq, claim.lastSeq, env.maxRecordBytes));
  claim.records = undefined;
  // What an earlier run already did for this claim is not sent again.
  const pending = claim.doneMask === 0n ? loaded : loaded.filter((record) => !isDone(claim, record.seq));
  const records: { seq: number; data: JsonRecord }[] = [];
  const oversize: LoadedRecord[] = [];
  for (const record of pending) {
    if (record.data === null) oversize.push(record);
    else records.push({ seq: record.seq, data: record.data });
  }
  const settings = env.current();
  const built = await buildRequests(
    records.map((r) => r.data),
    settings.config,
    { baseUrl: env.send.baseUrl, maskToken: true, runCode: env.runCode, owner: env.destination.organisationId },
  );
  // company + attach takes the contact's identifier from the record itself, not the mapped body.
  const sync = syncModeOf(settings.config);
  const contactValues =
    sync?.operation.sync.kind === "company_upsert_attach" ? records.map((r) => sync.contactIdentifierOf(r.data)) : [];
  return { recordSeqs: records.map((r) => r.seq), built, settings, contactValues, oversize };
}

function toErrorRow(
  env: ClaimTaskEnv,
  configVersion: number,
  firstSeq: number,
  lastSeq: number,
  reason: string,
  request?: { method: string; url: string; body?: string | undefined },
  result?: IntercomResult,
): ErrorRow {
  return {
    organisationId: env.destination.organisationId,
    destinationId: env.destination.id,
    firstSeq,
    lastSeq,
    reason: reason.slice(0, 4000),
    configVersion,
    requestMethod: request?.method ?? null,
    requestUrl: request?.url ?? null,
    requestBody: truncateBody(request?.body),
    responseStatus: result?.status ?? null,
    responseBody: result && result.status !== undefined ? truncateBody(result.rawBody) : null,
  };
}
