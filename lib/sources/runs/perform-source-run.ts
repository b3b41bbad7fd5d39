import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IntercomContext } from "@/lib/connectors/intercom/operations/context";
import { loadCredentialToken } from "@/lib/credentials/load-credential-token";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { log as rootLog, type Logger } from "@/lib/log";
import { appendRecordStreamInTx } from "@/lib/nexsets/append-record-stream";
import { announceRecordsAppended } from "../announce-records";
import {
  fetchContentExport,
  spoolListPages,
  type ExportPolling,
  type OpenRecords,
} from "../intercom/fetch-intercom-records";
import { describeRunError } from "../record-failed-run";
import { handleCredentialRejected } from "./credential-rejected";
import { stepsJson } from "../run-steps";
import { intercomSourceConfigSchema, sourceRunStepsSchema } from "../schemas";
import { RunStepLog } from "./run-step-log";

export interface PerformRunOptions {
  signal?: AbortSignal;
  log?: Logger;
  exportPolling?: ExportPolling;
  /** The whole append is one transaction; past this it is rolled back and the run fails. */
  commitTimeoutMs?: number;
}

export type PerformRunResult =
  { status: "succeeded"; recordsAdded: number } | { status: "failed"; error: string } | { status: "skipped" };

/** Raised when another worker finished the run first (a redelivered job): this attempt adds nothing. */
class RunAlreadyFinished extends Error {}

async function loadRun(db: Db, runId: string) {
  // Claiming is a conditional update, so a finished run is never run again by a late duplicate job.
  const claimed = await db.sourceRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: new Date() },
  });
  if (claimed.count === 0) return undefined;
  return db.sourceRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      id: true,
      steps: true,
      source: {
        select: { id: true, kind: true, organisationId: true, config: true, nexset: { select: { id: true } } },
      },
    },
  });
}

async function fetchRecords(
  db: Db,
  source: { id: string; organisationId: string; config: unknown },
  steps: RunStepLog,
  spoolDir: string,
  options: PerformRunOptions,
): Promise<OpenRecords> {
  const parsed = intercomSourceConfigSchema.safeParse(source.config);
  if (!parsed.success)
    throw new DomainError(
      "invalid_source_config",
      `The source's settings are invalid: ${parsed.error.issues[0]?.message ?? "unknown problem"}`,
    );
  const config = parsed.data;
  const credential = await loadCredentialToken(db, source.organisationId, config.credentialId);
  const ctx: IntercomContext = {
    baseUrl: credential.baseUrl,
    token: credential.token,
    signal: options.signal,
    onCall: (result) => steps.addCall(result),
  };
  if (config.operation === "content_export")
    return fetchContentExport(
      db,
      source.id,
      ctx,
      config,
      steps,
      options.exportPolling ?? {},
      path.join(spoolDir, "export.csv.gz"),
    );
  return spoolListPages(ctx, config, steps, path.join(spoolDir, "records.ndjson"));
}

/** Appends everything the run fetched and marks it succeeded, in ONE transaction: all of it, or nothing. */
async function commitRun(
  db: Db,
  runId: string,
  source: { id: string; nexsetId: string },
  open: OpenRecords,
  steps: RunStepLog,
  timeoutMs: number,
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<
        { status: string }[]
      >`SELECT "status" FROM "SourceRun" WHERE "id" = ${runId} FOR UPDATE`;
      if (rows[0]?.status !== "running") throw new RunAlreadyFinished();
      const file = await open();
      const appended = file
        ? await appendRecordStreamInTx(tx, source.nexsetId, file.batches)
        : { added: 0, firstSeq: 0, lastSeq: 0 };
      steps.add({ step: "Append records to the Nexset", input: { nexsetId: source.nexsetId }, output: appended });
      await tx.sourceRun.update({
        where: { id: runId },
        data: {
          status: "succeeded",
          recordsAdded: appended.added,
          error: null,
          steps: stepsJson(steps.steps),
          finishedAt: new Date(),
        },
      });
      await tx.source.update({ where: { id: source.id }, data: { status: "ready", statusMessage: null } });
      return appended.added;
    },
    { timeout: timeoutMs, maxWait: 30_000 },
  );
}

async function failRun(db: Db, runId: string, sourceId: string, error: unknown, steps: RunStepLog): Promise<string> {
  const message = describeRunError(error);
  steps.add({ step: "Run failed", input: null, output: { error: message } });
  await db.sourceRun.updateMany({
    where: { id: runId, status: "running" },
    data: { status: "failed", error: message, steps: stepsJson(steps.steps), finishedAt: new Date() },
  });
  await db.source.update({ where: { id: sourceId }, data: { status: "error", statusMessage: message } });
  return message;
}

/**
 * Performs one queued SourceRun (the worker's source-run job): fetch from Intercom with every call
 * kept as a debug step, then append all records in one transaction. A failure marks the run failed
 * with its reason and adds nothing; it is not thrown, because retrying a refused call is pointless.
 */
export async function performSourceRun(
  db: Db,
  runId: string,
  options: PerformRunOptions = {},
): Promise<PerformRunResult> {
  const log = options.log ?? rootLog;
  const run = await loadRun(db, runId);
  if (!run) return { status: "skipped" };
  const { source } = run;
  const steps = new RunStepLog(db, runId);
  const earlier = sourceRunStepsSchema.safeParse(run.steps);
  if (earlier.success) steps.steps.push(...earlier.data.filter((s) => s.step === "Requested"));
  await db.source.update({ where: { id: source.id }, data: { status: "running", statusMessage: null } });
  const spoolDir = await mkdtemp(path.join(tmpdir(), "flowgate-run-"));
  try {
    if (source.kind !== "intercom" || !source.nexset)
      throw new DomainError("not_runnable", `A ${source.kind} source has no runs to perform`);
    const open = await fetchRecords(db, source, steps, spoolDir, options);
    await steps.flush(true);
    const recordsAdded = await commitRun(
      db,
      runId,
      { id: source.id, nexsetId: source.nexset.id },
      open,
      steps,
      options.commitTimeoutMs ?? 30 * 60_000,
    );
    if (recordsAdded > 0) await announceRecordsAppended(db, source.nexset.id);
    log.info({ sourceId: source.id, runId, recordsAdded }, "source run succeeded");
    return { status: "succeeded", recordsAdded };
  } catch (error) {
    if (error instanceof RunAlreadyFinished) return { status: "skipped" };
    const reason = (await handleCredentialRejected(db, source.config, error)) ?? error;
    const message = await failRun(db, runId, source.id, reason, steps);
    log.warn({ sourceId: source.id, runId, err: message }, "source run failed");
    return { status: "failed", error: message };
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
}
