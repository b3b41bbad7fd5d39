import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import { loadCredentialToken } from "@/lib/credentials/load-credential-token";
import type { Db } from "@/lib/db/client";
import { buildRequests } from "@/lib/destinations/request-builder";
import { DomainError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendRecordsInTx, type JsonRecord } from "@/lib/nexsets/append-records";
import type { Redis } from "ioredis";
import type { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { type CallRow, truncateBody } from "./call-record";
import { contiguousRuns } from "./claim-ledger";
import { loadRecords } from "./claim-store";
import { formatBytes } from "@/lib/nexsets/record-size";
import type { DeliverySettings } from "./delivery-settings";
import { loadDestinationSnapshot } from "./destination-snapshot";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import type { ErrorSelection } from "@/lib/delivery/error-records";
import { buildResponseRecord, ensureResponseWebhookSource } from "@/lib/delivery/response-webhook";
import { CallWindow } from "./call-window";
import { jobSpecFor } from "./bulk-job-poll";
import type { SendEnv } from "./send-request";
import { sendRecordRequest } from "./send-record-request";
import { prismaExecutor } from "@/lib/db/sql-executor";
import { syncModeOf } from "@/lib/destinations/sync-mode";

// Replay re-sends an error record's records with the destination's CURRENT settings (the user
// fixed something), through the same budget and retry rules as delivery. Success marks the error
// record replayed; what still fails stays open with the new reason.

export interface ReplayDeps {
  db: Db;
  redis: Redis;
  settings: DeliverySettings;
  runCode: CodeRunner;
  budgetFor(credentialId: string, limitPer10s: number): BudgetDispenser;
  stopSignal: AbortSignal;
  hardSignal: AbortSignal;
}

export interface ReplaySummary {
  replayed: number;
  stillFailing: number;
  /** Not attempted because the worker is stopping; they stay open. */
  skipped: number;
}

interface Failure {
  seqs: number[];
  reason: string;
  request?: { method: string; url: string; body?: string };
  result?: IntercomResult;
}

export async function replayErrorRecords(
  deps: ReplayDeps,
  organisationId: string,
  destinationId: string,
  selection: ErrorSelection,
): Promise<ReplaySummary> {
  const { db } = deps;
  const snapshot = await loadDestinationSnapshot(db, destinationId);
  if (!snapshot || snapshot.organisationId !== organisationId) throw notFound("Destination");
  const config = snapshot.config;
  if (!config)
    throw new DomainError("invalid_config", `The destination's settings are invalid: ${snapshot.configProblem ?? ""}`, {
      status: 422,
    });
  const credential = await loadCredentialToken(db, organisationId, snapshot.credentialId);
  const responseNexsetId = config.responseWebhook.enabled
    ? (await ensureResponseWebhookSource(db, snapshot)).nexsetId
    : null;
  const errors = await db.errorRecord.findMany({
    where: {
      organisationId,
      destinationId,
      status: "open",
      ...("ids" in selection ? { id: { in: selection.ids.map(BigInt) } } : {}),
    },
    orderBy: { id: "asc" },
  });
  const send: SendEnv = {
    redis: deps.redis,
    budget: deps.budgetFor(credential.id, snapshot.rateLimitPer10s),
    credentialId: credential.id,
    destinationId,
    baseUrl: credential.baseUrl,
    token: credential.token,
    version: config.intercomVersion,
    limitPer10s: snapshot.rateLimitPer10s,
    settings: deps.settings,
    permits: new CallWindow(1),
    waitSignal: deps.stopSignal,
    hardSignal: deps.hardSignal,
  };
  const jobSpec = jobSpecFor(config.method, config.urlTemplate, config.intercomVersion);
  const sync = syncModeOf(config);
  const summary: ReplaySummary = { replayed: 0, stillFailing: 0, skipped: 0 };
  for (const error of errors) {
    if (deps.stopSignal.aborted) {
      summary.skipped++;
      continue;
    }
    const loaded = await loadRecords(
      prismaExecutor(db),
      snapshot.nexsetId,
      error.firstSeq,
      error.lastSeq,
      deps.settings.maxRecordBytes,
    );
    const records = loaded.flatMap((r) => (r.data === null ? [] : [{ seq: r.seq, data: r.data }]));
    const built = await buildRequests(
      records.map((r) => r.data),
      config,
      { baseUrl: credential.baseUrl, maskToken: true, runCode: deps.runCode, owner: organisationId },
    );
    if (built.configErrors.length > 0) {
      throw new DomainError(
        "invalid_config",
        `The destination's settings can't build a request: ${built.configErrors.map((e) => e.message).join("; ")}`,
        { status: 422 },
      );
    }
    const seqOf = (index: number) => records[index]!.seq;
    const failures: Failure[] = built.recordErrors.map((e) => ({ seqs: [seqOf(e.index)], reason: e.message }));
    const present = new Set(loaded.map((r) => r.seq));
    for (const record of loaded) {
      if (record.data === null)
        failures.push({
          seqs: [record.seq],
          reason: `The record is ${formatBytes(record.bytes)} as JSON, over the ${formatBytes(deps.settings.maxRecordBytes)} a record may be to be sent`,
        });
    }
    for (let seq = error.firstSeq; seq <= error.lastSeq; seq++) {
      if (!present.has(seq)) failures.push({ seqs: [seq], reason: "The record no longer exists in the Nexset" });
    }
    const calls: CallRow[] = [];
    const responses: JsonRecord[] = [];
    let abandoned = false;
    const callMeta = { organisationId, destinationId, configVersion: snapshot.configVersion, kind: "replay" as const };
    for (const request of built.requests) {
      const seqs = request.recordIndexes.map(seqOf);
      // A sync destination's record replays its whole sequence, as the worker runs it.
      const steps = sendRecordRequest({
        request,
        seqs,
        sync,
        contactIdentifierValue: sync ? sync.contactIdentifierOf(records[request.recordIndexes[0]!]!.data) : undefined,
        callMeta,
        send,
        attempts: 0,
        jobSpec,
      });
      let step = await steps.next();
      for (; !step.done; step = await steps.next()) {
        // Replays have no claim to keep a retry time on, and leave the delivery's failure streak alone.
        if (step.value.kind === "call") calls.push(step.value.row);
      }
      const outcome = step.value;
      if (outcome.kind === "abandoned") {
        abandoned = true;
        break;
      }
      if (responseNexsetId && outcome.answer)
        responses.push(
          buildResponseRecord({
            destinationId,
            configVersion: snapshot.configVersion,
            kind: "replay",
            result: outcome.answer,
            seqs,
            job: outcome.job,
          }),
        );
      const { failure } = outcome;
      if (failure) failures.push({ seqs, reason: failure.reason, request: failure.call, result: failure.result });
    }
    if (abandoned) {
      if (calls.length > 0) await db.deliveryCall.createMany({ data: calls });
      summary.skipped++;
      continue;
    }
    await db.$transaction(async (tx) => {
      if (calls.length > 0) await tx.deliveryCall.createMany({ data: calls });
      if (responseNexsetId && responses.length > 0) await appendRecordsInTx(tx, responseNexsetId, responses);
      await settleErrorRecord(tx, error, failures, snapshot.configVersion);
    });
    if (responseNexsetId && responses.length > 0) void notifyRecordsAppended(responseNexsetId, db);
    if (failures.length === 0) summary.replayed++;
    else summary.stillFailing++;
  }
  return summary;
}

type Tx = Prisma.TransactionClient;

async function settleErrorRecord(
  tx: Tx,
  error: { id: bigint; organisationId: string; destinationId: string; firstSeq: number; lastSeq: number },
  failures: Failure[],
  configVersion: number,
): Promise<void> {
  const now = new Date();
  const failing = failures.flatMap((f) => f.seqs);
  const wholeRecordFails = failures.length === 1 && new Set(failing).size === error.lastSeq - error.firstSeq + 1;
  if (wholeRecordFails) {
    await tx.errorRecord.update({ where: { id: error.id }, data: { ...failureFields(failures[0]!), configVersion } });
    return;
  }
  // Everything went through, or part did: this record is done, and what still fails is kept
  // as new error records covering only those records.
  await tx.errorRecord.update({ where: { id: error.id }, data: { status: "replayed", resolvedAt: now } });
  const rows = failures.flatMap((failure) =>
    contiguousRuns(failure.seqs).map((run) => ({
      organisationId: error.organisationId,
      destinationId: error.destinationId,
      firstSeq: run.firstSeq,
      lastSeq: run.lastSeq,
      configVersion,
      ...failureFields(failure),
    })),
  );
  if (rows.length > 0) await tx.errorRecord.createMany({ data: rows });
}

function failureFields(failure: Failure) {
  const answered = failure.result && failure.result.status !== undefined;
  return {
    reason: failure.reason.slice(0, 4000),
    requestMethod: failure.request?.method ?? null,
    requestUrl: failure.request?.url ?? null,
    requestBody: truncateBody(failure.request?.body),
    responseStatus: failure.result?.status ?? null,
    responseBody: answered ? truncateBody(failure.result!.rawBody) : null,
  };
}
