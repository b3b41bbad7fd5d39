import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
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
  return (await countRecordOutcomesByDestination(db, organisationId, destinationId)).get(destinationId) ?? { ...EMPTY };
}

/** Every destination of the organisation (or just one), for the flow canvas's badges. */
export async function countRecordOutcomesByDestination(
  db: Db,
  organisationId: string,
  destinationId?: string,
): Promise<Map<string, RecordOutcomeCounts>> {
  const onlyOne = destinationId === undefined ? Prisma.empty : Prisma.sql`AND "destinationId" = ${destinationId}`;
  const rows = await db.$queryRaw<{ destinationId: string; outcome: string; n: number }[]>`
    SELECT "destinationId", outcome, count(*)::int AS n FROM (
      SELECT DISTINCT ON ("destinationId", "firstSeq") "destinationId",
        CASE WHEN "recordOutcome" IS NOT NULL THEN "recordOutcome" ELSE 'exists_not_updated' END AS outcome
      FROM "DeliveryCall"
      WHERE "organisationId" = ${organisationId} ${onlyOne}
        AND "kind" <> 'test' AND "firstSeq" IS NOT NULL
        AND ("recordOutcome" IS NOT NULL OR ("outcome" = 'conflict' AND "syncStep" IS NULL))
      ORDER BY "destinationId", "firstSeq", "id" DESC
    ) latest GROUP BY 1, 2`;
  const byDestination = new Map<string, RecordOutcomeCounts>();
  for (const row of rows) {
    const counts = byDestination.get(row.destinationId) ?? { ...EMPTY };
    if (row.outcome in counts) counts[row.outcome as keyof RecordOutcomeCounts] = row.n;
    byDestination.set(row.destinationId, counts);
  }
  return byDestination;
}

export const RECORD_OUTCOMES = [...SYNC_OUTCOMES, "exists_not_updated"] as const satisfies readonly RecordOutcome[];
