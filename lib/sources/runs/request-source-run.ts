import type { Db } from "@/lib/db/client";
import { conflict, DomainError, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { queue } from "@/lib/queue/queues";
import { stepsJson } from "../run-steps";
import { SOURCE_RUN_JOB, sourceRunJobId } from "./source-run-job";

/** "reconnect": run again because the run before failed on a revoked token that is now replaced. */
export type RunTrigger = "manual" | "schedule" | "reconnect";

export interface RequestedRun {
  runId: string;
  /** False when Redis was unreachable: the scheduler's reconciliation enqueues it later. */
  enqueued: boolean;
}

/** Puts the run's job on the "sources" queue; same run → same job id → at most one job. */
export async function enqueueSourceRun(sourceId: string, runId: string): Promise<boolean> {
  try {
    await queue("sources").add(
      SOURCE_RUN_JOB,
      { sourceId, runId },
      { jobId: sourceRunJobId(runId), attempts: 3, removeOnComplete: true, removeOnFail: { age: 86_400 } },
    );
    return true;
  } catch (error) {
    log.warn(
      { sourceId, runId, err: (error as Error).message },
      "could not enqueue a source run; the scheduler will retry",
    );
    return false;
  }
}

/**
 * Creates a queued SourceRun and asks a worker to perform it. One run at a time per source: the
 * source row is locked while checking, so two requests cannot both create one.
 */
export async function requestSourceRun(
  db: Db,
  organisationId: string,
  sourceId: string,
  trigger: RunTrigger = "manual",
): Promise<RequestedRun> {
  const runId = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ kind: string }[]>`
      SELECT "kind" FROM "Source" WHERE "id" = ${sourceId} AND "organisationId" = ${organisationId} FOR UPDATE`;
    const source = rows[0];
    if (!source) throw notFound("Source");
    if (source.kind !== "intercom") {
      throw new DomainError(
        "not_runnable",
        "Only Intercom sources run; upload a file or post to the webhook URL instead",
        { status: 409 },
      );
    }
    const active = await tx.sourceRun.findFirst({
      where: { sourceId, status: { in: ["queued", "running"] } },
      select: { id: true },
    });
    if (active) throw conflict("A run of this source is already queued or running", { runId: active.id });
    const run = await tx.sourceRun.create({
      data: {
        sourceId,
        status: "queued",
        steps: stepsJson([{ step: "Requested", at: new Date().toISOString(), input: { trigger }, output: null }]),
      },
      select: { id: true },
    });
    return run.id;
  });
  return { runId, enqueued: await enqueueSourceRun(sourceId, runId) };
}
