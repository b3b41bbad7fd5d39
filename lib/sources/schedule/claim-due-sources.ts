import type { Db } from "@/lib/db/client";

export interface DueSource {
  id: string;
  organisationId: string;
}

/**
 * Takes the scheduled sources whose time has come and moves their nextRunAt on, in one statement.
 * SKIP LOCKED plus the re-checked condition mean two schedulers (two worker processes) never
 * take the same source for the same slot.
 */
export async function claimDueSources(db: Db, now = new Date(), limit = 100): Promise<DueSource[]> {
  // Prisma keeps DateTime as UTC in "timestamp without time zone": compare in the same terms.
  const at = now.toISOString();
  return db.$queryRaw<DueSource[]>`
    UPDATE "Source" AS s
       SET "nextRunAt" = ${at}::timestamp + make_interval(mins => s."scheduleMinutes"), "updatedAt" = ${at}::timestamp
     WHERE s."id" IN (
             SELECT "id" FROM "Source"
              WHERE "kind" = 'intercom' AND "scheduleMinutes" IS NOT NULL
                AND ("nextRunAt" IS NULL OR "nextRunAt" <= ${at}::timestamp)
              ORDER BY "nextRunAt" NULLS FIRST
              LIMIT ${limit}
                FOR UPDATE SKIP LOCKED)
       AND s."scheduleMinutes" IS NOT NULL
       AND (s."nextRunAt" IS NULL OR s."nextRunAt" <= ${at}::timestamp)
    RETURNING s."id", s."organisationId"`;
}
