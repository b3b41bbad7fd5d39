import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Records done beyond each destination's cursor: finished claims waiting for an earlier one, and
 * the records open claims have marked done (a claim of single-record calls covers 64 records, so
 * the cursor alone moves in steps). For one destination, or all of an organisation's.
 */
export async function doneBeyondCursor(
  db: Db,
  where: { organisationId: string } | { destinationId: string },
): Promise<Map<string, number>> {
  const which =
    "destinationId" in where
      ? Prisma.sql`d."id" = ${where.destinationId}`
      : Prisma.sql`d."organisationId" = ${where.organisationId}`;
  const rows = await db.$queryRaw<{ destinationId: string; done: number }[]>`
    SELECT c."destinationId",
      sum(CASE WHEN c."status" = 'in_flight' THEN bit_count(c."doneMask"::bit(64)) ELSE c."lastSeq" - c."firstSeq" + 1 END)::int AS done
    FROM "DeliveryClaim" c JOIN "Destination" d ON d."id" = c."destinationId"
    WHERE ${which} AND c."lastSeq" > d."deliveredThroughSeq"
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.destinationId, row.done]));
}
