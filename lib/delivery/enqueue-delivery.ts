import { type Db, db as processDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { queue } from "@/lib/queue/queues";

// BullMQ jobs only wake deliveries up; PostgreSQL says what is left to deliver. Job data is the
// destination id, never a token or a record, and the job id is derived from it, so any number
// of enqueues while one is waiting collapse into one job.

export const DELIVER_JOB = "deliver-destination";
export const REPLAY_JOB = "replay-error-records";

/** Completed jobs are removed at once, or the next enqueue with the same id would be ignored. */
const DELIVER_OPTIONS = { attempts: 3, removeOnComplete: true, removeOnFail: true } as const;

export function deliverJobId(destinationId: string): string {
  return `deliver-${destinationId}`;
}

/** Asks a worker to deliver the destination's backlog. Throws when Redis is unreachable. */
export async function enqueueDelivery(
  destinationId: string,
  opts: { jobId?: string; delayMs?: number } = {},
): Promise<void> {
  await queue("delivery").add(
    DELIVER_JOB,
    { destinationId },
    {
      ...DELIVER_OPTIONS,
      jobId: opts.jobId ?? deliverJobId(destinationId),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    },
  );
}

/** Like enqueueDelivery, but a Redis outage is only logged: reconciliation enqueues it later. */
export async function requestDelivery(destinationId: string): Promise<boolean> {
  try {
    await enqueueDelivery(destinationId);
    return true;
  } catch (error) {
    log.warn({ destinationId, err: (error as Error).message }, "could not enqueue delivery; reconciliation will retry");
    return false;
  }
}

/**
 * Call after records were appended to a Nexset (after the commit): wakes every active destination
 * that sends it. Never throws — the records are safe in PostgreSQL either way.
 */
export async function notifyRecordsAppended(nexsetId: string, database?: Db): Promise<void> {
  try {
    const rows = await (database ?? processDb()).destination.findMany({
      where: { nexsetId, status: "active" },
      select: { id: true },
    });
    await Promise.all(rows.map((row) => requestDelivery(row.id)));
  } catch (error) {
    log.warn({ nexsetId, err: (error as Error).message }, "could not notify deliveries of new records");
  }
}
