import type { Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { enqueueSourceRun, requestSourceRun } from "../runs/request-source-run";
import { claimDueSources } from "./claim-due-sources";

export const SCHEDULER_INTERVAL_MS = 15_000;
/** A queued run whose job may have been lost with Redis is enqueued again (same job id: no duplicate). */
const REENQUEUE_AFTER_MS = 30_000;
/** Runs that have not finished by now lost their worker for good (exports time out well before). */
const ABANDON_RUNNING_AFTER_MS = 3 * 3_600_000;
const ABANDON_QUEUED_AFTER_MS = 24 * 3_600_000;

export interface SchedulerTickResult {
  claimed: number;
  requested: number;
  /** Due, but a run of the source was still queued or running. */
  busy: number;
  reenqueued: number;
  abandoned: number;
}

/** One pass: start the runs that are due, re-enqueue queued runs, give up on runs whose worker vanished. */
export async function runSchedulerTick(db: Db, log: Logger, now = new Date()): Promise<SchedulerTickResult> {
  const result: SchedulerTickResult = { claimed: 0, requested: 0, busy: 0, reenqueued: 0, abandoned: 0 };
  const due = await claimDueSources(db, now);
  result.claimed = due.length;
  for (const source of due) {
    try {
      await requestSourceRun(db, source.organisationId, source.id, "schedule");
      result.requested++;
    } catch (error) {
      if (isDomainError(error) && error.status === 409) result.busy++;
      else log.warn({ sourceId: source.id, err: (error as Error).message }, "could not start a scheduled source run");
    }
  }
  const waiting = await db.sourceRun.findMany({
    where: { status: "queued", startedAt: { lt: new Date(now.getTime() - REENQUEUE_AFTER_MS) } },
    select: { id: true, sourceId: true },
    take: 100,
  });
  for (const run of waiting) if (await enqueueSourceRun(run.sourceId, run.id)) result.reenqueued++;
  const abandoned = await db.sourceRun.updateMany({
    where: {
      OR: [
        { status: "running", startedAt: { lt: new Date(now.getTime() - ABANDON_RUNNING_AFTER_MS) } },
        { status: "queued", startedAt: { lt: new Date(now.getTime() - ABANDON_QUEUED_AFTER_MS) } },
      ],
    },
    data: {
      status: "failed",
      error: "The run was abandoned: no worker finished it (the worker stopped or Redis lost its job)",
      finishedAt: now,
    },
  });
  result.abandoned = abandoned.count;
  return result;
}

/** The worker-process loop around runSchedulerTick; ticks never overlap, and stop() waits for the current one. */
export function startSourceScheduler(
  db: Db,
  log: Logger,
  intervalMs = SCHEDULER_INTERVAL_MS,
): { name: string; stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current) return;
    current = runSchedulerTick(db, log)
      .then((result) => {
        if (result.claimed + result.reenqueued + result.abandoned > 0) log.info(result, "source scheduler tick");
      })
      .catch((error: Error) => log.warn({ err: error.message }, "source scheduler tick failed"))
      .finally(() => {
        current = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    name: "source-scheduler",
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
