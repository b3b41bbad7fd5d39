import type { Db } from "@/lib/db/client";
import type { ClaimRange } from "./claim-ledger";
import type { SqlExecutor } from "@/lib/db/sql-executor";

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
  /** Null when the record is over the worker's maxRecordBytes: it is not loaded (an error record). */
  data: Record<string, unknown> | null;
  /** Its stored size (PostgreSQL's JSON text). */
  bytes: number;
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

/** Each record's stored size in [from, through] (seq → bytes), read without loading any record. */
export async function recordSizes(
  sql: SqlExecutor,
  nexsetId: string,
  from: number,
  through: number,
): Promise<Map<number, number>> {
  const rows = await sql.query<{ seq: number; bytes: number }>(
    `SELECT "seq", "bytes" FROM "NexsetRecord" WHERE "nexsetId" = $1 AND "seq" BETWEEN $2 AND $3`,
    [nexsetId, from, through],
    "flowgate-record-sizes",
  );
  return new Map(rows.map((row) => [row.seq, row.bytes]));
}

/** Bytes each of the destination's claims in flight would load (records over the limit count nothing). */
export async function inFlightClaimBytes(
  sql: SqlExecutor,
  destinationId: string,
  nexsetId: string,
  maxRecordBytes: number,
): Promise<Map<bigint, number>> {
  const rows = await sql.query<{ id: string; bytes: string }>(
    `SELECT c."id"::text, COALESCE(SUM(CASE WHEN r."bytes" <= $3 THEN r."bytes" ELSE 0 END), 0)::text AS "bytes"
     FROM "DeliveryClaim" c
     LEFT JOIN "NexsetRecord" r ON r."nexsetId" = $2 AND r."seq" BETWEEN c."firstSeq" AND c."lastSeq"
     WHERE c."destinationId" = $1 AND c."status" = 'in_flight'
     GROUP BY c."id"`,
    [destinationId, nexsetId, maxRecordBytes],
    "flowgate-claim-bytes",
  );
  return new Map(rows.map((row) => [BigInt(row.id), Number(row.bytes)]));
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
  /** The Nexset whose records come back with the claims, and the size above which they don't. */
  recordsOf?: { nexsetId: string; maxRecordBytes: number },
): Promise<ClaimWithRecords[]> {
  if (ranges.length === 0) return [];
  // The records come by one index range scan over all the ranges (a join per claim lets the planner
  // scan the whole Nexset); those of a range someone else claimed are dropped here.
  const rows = await sql.query<{
    id: string | null;
    firstSeq: number | null;
    lastSeq: number | null;
    seq: number | null;
    bytes: number | null;
    data: Record<string, unknown> | null;
  }>(
    `WITH claimed AS (
       INSERT INTO "DeliveryClaim" ("destinationId", "firstSeq", "lastSeq", "configVersion", "claimedAt")
       SELECT $1, f, l, $2, now() AT TIME ZONE 'UTC' FROM unnest($3::int[], $4::int[]) AS t(f, l)
       ON CONFLICT ("destinationId", "firstSeq") DO NOTHING
       RETURNING "id", "firstSeq", "lastSeq"
     )
     SELECT "id"::text, "firstSeq", "lastSeq", NULL::int AS "seq", NULL::int AS "bytes", NULL::jsonb AS "data" FROM claimed
     UNION ALL
     SELECT NULL, NULL, NULL, "seq", "bytes", CASE WHEN "bytes" <= $8 THEN "data" END FROM "NexsetRecord"
     WHERE $5::text IS NOT NULL AND "nexsetId" = $5 AND "seq" BETWEEN $6 AND $7`,
    [
      destinationId,
      configVersion,
      ranges.map((r) => r.firstSeq),
      ranges.map((r) => r.lastSeq),
      recordsOf?.nexsetId ?? null,
      Math.min(...ranges.map((r) => r.firstSeq)),
      Math.max(...ranges.map((r) => r.lastSeq)),
      recordsOf?.maxRecordBytes ?? 0,
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
    const records = rows.filter((row) => row.seq !== null).sort((a, b) => a.seq! - b.seq!);
    let next = 0;
    for (const claim of claims) {
      claim.records = [];
      while (next < records.length && records[next]!.seq! < claim.firstSeq) next++;
      while (next < records.length && records[next]!.seq! <= claim.lastSeq) {
        const row = records[next++]!;
        claim.records.push({ seq: row.seq!, data: row.data, bytes: row.bytes ?? 0 });
      }
    }
  }
  return claims;
}

/** The records with seq in [firstSeq, lastSeq], in order; those over maxRecordBytes without their data. */
export function loadRecords(
  sql: SqlExecutor,
  nexsetId: string,
  firstSeq: number,
  lastSeq: number,
  maxRecordBytes: number,
): Promise<LoadedRecord[]> {
  return sql.query<LoadedRecord>(
    `SELECT "seq", "bytes", CASE WHEN "bytes" <= $4 THEN "data" END AS "data"
     FROM "NexsetRecord" WHERE "nexsetId" = $1 AND "seq" BETWEEN $2 AND $3 ORDER BY "seq"`,
    [nexsetId, firstSeq, lastSeq, maxRecordBytes],
    "flowgate-load-records",
  );
}
