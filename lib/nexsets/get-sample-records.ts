import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { JsonRecord } from "./append-records";

export const DEFAULT_SAMPLE_COUNT = 10;

/** The first `count` records of an organisation's Nexset (in seq order): the wizard's samples. */
export async function getSampleRecords(
  db: Db,
  organisationId: string,
  nexsetId: string,
  count = DEFAULT_SAMPLE_COUNT,
): Promise<JsonRecord[]> {
  const nexset = await db.nexset.findFirst({
    where: { id: nexsetId, organisationId },
    select: { recordCount: true },
  });
  if (!nexset) throw notFound("Nexset");
  return readFirstRecords(db, nexsetId, Math.min(count, nexset.recordCount));
}

/**
 * The first `count` records. Callers pass at most the Nexset's recordCount: records above it belong
 * to an upload still loading (staged-load.ts) and must not be seen.
 */
export async function readFirstRecords(db: Db, nexsetId: string, count: number): Promise<JsonRecord[]> {
  const rows = await db.nexsetRecord.findMany({
    where: { nexsetId, seq: { lte: count } },
    orderBy: { seq: "asc" },
    take: Math.max(0, count),
    select: { data: true },
  });
  return rows.map((row) => row.data as JsonRecord);
}
