import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/log";
import { reconcileAbandonedLoads } from "@/lib/nexsets/staged-load";
import { queue } from "@/lib/queue/queues";
import { isDeliveryRunning } from "./destination-lock";
import { deliverJobId, enqueueDelivery } from "@/lib/delivery/enqueue-delivery";

// Redis may be wiped, a notification may be lost, a worker may die holding a job: PostgreSQL
// still knows which active destinations have records left, and this loop brings their jobs back.

/** Active destinations with records beyond their cursor. */
export async function findDestinationsWithBacklog(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d."id" FROM "Destination" d JOIN "Nexset" n ON n."id" = d."nexsetId"
    WHERE d."status" = 'active' AND n."recordCount" > d."deliveredThroughSeq"
    ORDER BY d."id"`;
  return rows.map((row) => row.id);
}

export class DeliveryReconciler {
  /** Destinations whose job looked active while nobody held their lock, and since when. */
  private readonly orphanSince = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  /** One pass: enqueue every destination with a backlog (duplicates collapse on the job id). */
  async reconcileOnce(now = Date.now()): Promise<{ enqueued: number; recovered: number }> {
    // Uploads whose web process died mid-load: their (never visible) records are deleted here too.
    await reconcileAbandonedLoads(this.db);
    const ids = await findDestinationsWithBacklog(this.db);
    const seen = new Set(ids);
    for (const id of this.orphanSince.keys()) if (!seen.has(id)) this.orphanSince.delete(id);
    let recovered = 0;
    for (const id of ids) {
      await enqueueDelivery(id);
      if (await this.recoverOrphan(id, now)) recovered++;
    }
    return { enqueued: ids.length, recovered };
  }

  /**
   * A worker killed mid-run leaves its job "active" in Redis until BullMQ's stalled check (up to a
   * minute), and enqueues with the same id collapse into it. PostgreSQL knows better: when nobody
   * holds the destination's lock for two passes in a row, a recovery job with its own id takes over.
   */
  private async recoverOrphan(destinationId: string, now: number): Promise<boolean> {
    const state = await queue("delivery").getJobState(deliverJobId(destinationId));
    if (state !== "active" || (await isDeliveryRunning(this.db, destinationId))) {
      this.orphanSince.delete(destinationId);
      return false;
    }
    const since = this.orphanSince.get(destinationId);
    if (since === undefined) {
      this.orphanSince.set(destinationId, now);
      return false;
    }
    if (now - since < this.intervalMs * 1.5) return false;
    const bucket = Math.floor(now / (this.intervalMs * 10));
    await enqueueDelivery(destinationId, { jobId: `${deliverJobId(destinationId)}-recover-${bucket}` });
    this.log.info({ destinationId }, "delivery job was orphaned by a dead worker; recovery job enqueued");
    return true;
  }

  /** Runs passes every interval until stopped. */
  start(): { stop(): Promise<void> } {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let current: Promise<void> = Promise.resolve();
    const tick = () => {
      current = this.reconcileOnce()
        .then(() => undefined)
        .catch((error: Error) => this.log.warn({ err: error.message }, "delivery reconciliation failed; will retry"))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, this.intervalMs);
        });
    };
    tick();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await current;
      },
    };
  }
}
