import type { Db } from "@/lib/db/client";
import { SYNC_OUTCOMES, type SyncOutcome } from "@/lib/connectors/intercom/sync/run-sync";

// Records per outcome for a destination's monitoring. A sync operation's concluding call carries
// its record's outcome (created, updated, …); a record run again after a crash or a replay counts
// once, with its latest outcome. A plain "Create a contact" answered 409 counts as "exists_not_updated":
// Intercom kept its old values. Error records are counted by getDeliveryProgress.

export type RecordOutcome = SyncOutcome | "exists_not_updated";
export type RecordOutcomeCounts = Record<Exclude<RecordOutcome, "error">, number>;

const EMPTY: RecordOutcomeCounts = {
  created: 0,
  updated: 0,
  unchanged: 0,
  archived: 0,
  deleted: 0,
  already_gone: 0,
  exists_not_updated: 0,
};

export async function countRecordOutcomes(
  db: Db,
  organisationId: string,
  destinationId: string,
): Promise<RecordOutcomeCounts> {
  const rows = await db.$queryRaw<{ outcome: string; n: number }[]>`
    SELECT outcome, count(*)::int AS n FROM (
      SELECT DISTINCT ON ("firstSeq")
        CASE WHEN "recordOutcome" IS NOT NULL THEN "recordOutcome" ELSE 'exists_not_updated' END AS outcome
      FROM "DeliveryCall"
      WHERE "destinationId" = ${destinationId} AND "organisationId" = ${organisationId}
        AND "kind" <> 'test' AND "firstSeq" IS NOT NULL
        AND ("recordOutcome" IS NOT NULL OR ("outcome" = 'conflict' AND "syncStep" IS NULL))
      ORDER BY "firstSeq", "id" DESC
    ) latest GROUP BY outcome`;
  const counts = { ...EMPTY };
  for (const row of rows) if (row.outcome in counts) counts[row.outcome as keyof RecordOutcomeCounts] = row.n;
  return counts;
}

export const RECORD_OUTCOMES: readonly RecordOutcome[] = [...SYNC_OUTCOMES, "exists_not_updated"];
