import type { Db } from "@/lib/db/client";
import type { ClaimRange } from "./claim-ledger";
import { insertClaimRows, selectRecords } from "./delivery-sql";
import type { SqlExecutor } from "./sql-executor";

// DeliveryClaim rows: written BEFORE a call is made. The unique (destinationId, firstSeq) key
// means a range is claimed once; a claim still in_flight when its runner is gone was possibly
// sent, and is sent again by the next runner (the only source of duplicates, bounded by the
// number of claims a runner keeps open).

export interface StoredClaim extends ClaimRange {
  id: bigint;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
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
    select: { id: true, firstSeq: true, lastSeq: true, status: true, attempts: true, nextAttemptAt: true },
  });
}

/** Inserts claims for the ranges; returns the ones this call claimed (a conflicting range is skipped). */
export async function insertClaims(sql: SqlExecutor, destinationId: string, ranges: readonly ClaimRange[], configVersion: number): Promise<StoredClaim[]> {
  if (ranges.length === 0) return [];
  const rows = await insertClaimRows(sql, destinationId, ranges, configVersion);
  return rows.map((row) => ({ ...row, status: "in_flight", attempts: 0, nextAttemptAt: null }));
}

/** The records with seq in [firstSeq, lastSeq], in order. */
export function loadRecords(sql: SqlExecutor, nexsetId: string, firstSeq: number, lastSeq: number): Promise<LoadedRecord[]> {
  return selectRecords(sql, nexsetId, firstSeq, lastSeq);
}
