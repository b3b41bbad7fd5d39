import type { Db } from "@/lib/db/client";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";

/**
 * THE single place sources tell the delivery engine that a Nexset has new records, so active
 * destinations deliver them now rather than at the next reconciliation. Call after commit.
 * Never throws: the records are safe in PostgreSQL either way.
 */
export async function announceRecordsAppended(db: Db, nexsetId: string): Promise<void> {
  await notifyRecordsAppended(nexsetId, db);
}
