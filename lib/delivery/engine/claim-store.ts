import type { Db } from "@/lib/db/client";
import type { ClaimRange } from "./claim-ledger";
import type { SqlExecutor } from "./sql-executor";

// DeliveryClaim rows: written BEFORE a call is made. The unique (destinationId, firstSeq) key
// means a range is claimed once; a claim still in_flight when its runner is gone was possibly
// sent, and is sent again by the next runner (the only source of duplicates). A claim of one
// call per record marks each record done as its call ends (doneMask), so what is sent again is
// only what was in flight, not the whole claim.

export interface StoredClaim extends ClaimRange {
  id: bigint;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  /** Records already done, by offset from firstSeq (claims of at most DONE_MASK_BITS records). */
  doneMask: bigint;
}

/** A claim of up to this many records keeps per-record progress in its doneMask (a BIGINT). */
export const DONE_MASK_BITS = 64;

export function tracksRecords(range: ClaimRange): boolean {
  return range.lastSeq - range.firstSeq < DONE_MASK_BITS;
}

/** The mask of these seqs within the claim. */
export function maskOf(range: ClaimRange, seqs: readonly number[]): bigint {
  let mask = 0n;
  for (const seq of seqs) mask |= 1n << BigInt(seq - range.firstSeq);
  return mask;
}

export function isDone(claim: Pick<StoredClaim, "firstSeq" | "doneMask">, seq: number): boolean {
  return claim.doneMask !== 0n && (claim.doneMask & (1n << BigInt(seq - claim.firstSeq))) !== 0n;
}

export interface LoadedRecord {
  seq: number;
  data: Record<string, unknown>;
}

/** Every claim of the destination beyond its cursor, in seq order. */
export async function loadClaims(db: Db, destinationId: string): Promise<StoredClaim[]> {
  return db.deliveryClaim.findMany({
    where: { destinationId },
    orderBy: { firstSeq: "asc" },
    select: {
      id: true,
      firstSeq: true,
      lastSeq: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      doneMask: true,
    },
  });
}

export interface ClaimWithRecords extends StoredClaim {
  /** The claim's records, when they were asked for. */
  records?: LoadedRecord[];
}

/**
 * Inserts claims for the ranges (before any call is made); returns the ones this call claimed, in
 * seq order (a range someone else claimed is skipped). With `recordsOf` (a Nexset id), each claim
 * comes back with its records, read in the same round trip.
 */
export async function insertClaims(
  sql: SqlExecutor,
  destinationId: string,
  ranges: readonly ClaimRange[],
  configVersion: number,
  recordsOf?: string,
): Promise<ClaimWithRecords[]> {
  if (ranges.length === 0) return [];
  // The records come by one index range scan over all the ranges (a join per claim lets the planner
  // scan the whole Nexset); those of a range someone else claimed are dropped here.
  const rows = await sql.query<{
    id: string | null;
    firstSeq: number | null;
    lastSeq: number | null;
    seq: number | null;
    data: Record<string, unknown> | null;
  }>(
    `WITH claimed AS (
       INSERT INTO "DeliveryClaim" ("destinationId", "firstSeq", "lastSeq", "configVersion", "claimedAt")
       SELECT $1, f, l, $2, now() AT TIME ZONE 'UTC' FROM unnest($3::int[], $4::int[]) AS t(f, l)
       ON CONFLICT ("destinationId", "firstSeq") DO NOTHING
       RETURNING "id", "firstSeq", "lastSeq"
     )
     SELECT "id"::text, "firstSeq", "lastSeq", NULL::int AS "seq", NULL::jsonb AS "data" FROM claimed
     UNION ALL
     SELECT NULL, NULL, NULL, "seq", "data" FROM "NexsetRecord"
     WHERE $5::text IS NOT NULL AND "nexsetId" = $5 AND "seq" BETWEEN $6 AND $7`,
    [
      destinationId,
      configVersion,
      ranges.map((r) => r.firstSeq),
      ranges.map((r) => r.lastSeq),
      recordsOf ?? null,
      Math.min(...ranges.map((r) => r.firstSeq)),
      Math.max(...ranges.map((r) => r.lastSeq)),
    ],
    "flowgate-insert-claims",
  );
  const claims: ClaimWithRecords[] = rows
    .filter((row) => row.id !== null)
    .map((row) => ({
      id: BigInt(row.id!),
      firstSeq: row.firstSeq!,
      lastSeq: row.lastSeq!,
      status: "in_flight",
      attempts: 0,
      nextAttemptAt: null,
      doneMask: 0n,
    }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
  if (recordsOf) {
    const records = rows.filter((row) => row.seq !== null && row.data !== null).sort((a, b) => a.seq! - b.seq!);
    let next = 0;
    for (const claim of claims) {
      claim.records = [];
      while (next < records.length && records[next]!.seq! < claim.firstSeq) next++;
      while (next < records.length && records[next]!.seq! <= claim.lastSeq)
        claim.records.push({ seq: records[next]!.seq!, data: records[next++]!.data! });
    }
  }
  return claims;
}

/** The records with seq in [firstSeq, lastSeq], in order. */
export function loadRecords(
  sql: SqlExecutor,
  nexsetId: string,
  firstSeq: number,
  lastSeq: number,
): Promise<LoadedRecord[]> {
  return sql.query<LoadedRecord>(
    `SELECT "seq", "data" FROM "NexsetRecord" WHERE "nexsetId" = $1 AND "seq" BETWEEN $2 AND $3 ORDER BY "seq"`,
    [nexsetId, firstSeq, lastSeq],
    "flowgate-load-records",
  );
}
