import type { Prisma } from "@/lib/generated/prisma/client";
import type { CallRow } from "./call-record";
import type { SqlExecutor } from "./sql-executor";

// The statements the delivery hot path runs, each one round trip whatever the batch size
// (column arrays + unnest). Timestamps are written as UTC, as Prisma stores them.

export type ErrorRow = Prisma.ErrorRecordCreateManyInput;

export interface ClaimUpdate {
  claimId: bigint;
  status: string;
  attempts: number;
}

/**
 * The calls travel as one JSON document (native JSON.stringify, parsed by PostgreSQL) rather than
 * as text arrays, whose escaping in JS costs more CPU and garbage for large bodies.
 */
export function insertCalls(sql: SqlExecutor, rows: readonly CallRow[]): Promise<number> {
  const doc = rows.map((r) => ({
    o: r.organisationId,
    d: r.destinationId,
    k: r.kind ?? "delivery",
    fs: r.firstSeq ?? null,
    ls: r.lastSeq ?? null,
    rc: r.recordCount ?? 0,
    cv: r.configVersion,
    at: r.attempt ?? 1,
    m: r.method,
    u: r.url,
    rh: r.requestHeaders,
    rb: r.requestBody ?? null,
    st: r.responseStatus ?? null,
    sh: r.responseHeaders ?? null,
    sb: r.responseBody ?? null,
    oc: r.outcome,
    em: r.errorMessage ?? null,
    lat: r.latencyMs,
    ca: r.createdAt instanceof Date ? r.createdAt.toISOString() : (r.createdAt ?? new Date().toISOString()),
  }));
  return sql.execute(
    `INSERT INTO "DeliveryCall" ("organisationId", "destinationId", "kind", "firstSeq", "lastSeq", "recordCount", "configVersion",
       "attempt", "method", "url", "requestHeaders", "requestBody", "responseStatus", "responseHeaders", "responseBody", "outcome",
       "errorMessage", "latencyMs", "createdAt")
     SELECT o, d, k, fs, ls, rc, cv, at, m, u, rh, rb, st, sh, sb, oc, em, lat, ca AT TIME ZONE 'UTC'
     FROM jsonb_to_recordset($1::jsonb) AS t(o text, d text, k text, fs int, ls int, rc int, cv int, at int, m text, u text, rh jsonb,
       rb text, st int, sh jsonb, sb text, oc text, em text, lat int, ca timestamptz)`,
    [JSON.stringify(doc)],
  );
}

export function insertErrorRecords(sql: SqlExecutor, rows: readonly ErrorRow[]): Promise<number> {
  const col = <T>(pick: (row: ErrorRow) => T) => rows.map(pick);
  return sql.execute(
    `INSERT INTO "ErrorRecord" ("organisationId", "destinationId", "firstSeq", "lastSeq", "reason", "configVersion", "requestMethod",
       "requestUrl", "requestBody", "responseStatus", "responseBody", "createdAt")
     SELECT o, d, fs, ls, r, cv, rm, ru, rb, st, sb, now() AT TIME ZONE 'UTC'
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[])
       AS t(o, d, fs, ls, r, cv, rm, ru, rb, st, sb)`,
    [
      col((r) => r.organisationId),
      col((r) => r.destinationId),
      col((r) => r.firstSeq),
      col((r) => r.lastSeq),
      col((r) => r.reason),
      col((r) => r.configVersion),
      col((r) => r.requestMethod ?? null),
      col((r) => r.requestUrl ?? null),
      col((r) => r.requestBody ?? null),
      col((r) => r.responseStatus ?? null),
      col((r) => r.responseBody ?? null),
    ],
  );
}

/** Attempts and next-attempt times of claims waiting to be retried (still in flight). */
export function updateClaimProgress(sql: SqlExecutor, progress: ReadonlyMap<bigint, { attempts: number; nextAttemptAt: Date | null }>): Promise<number> {
  const values = [...progress.values()];
  return sql.execute(
    `UPDATE "DeliveryClaim" AS c SET "attempts" = u.a, "nextAttemptAt" = u.n::timestamptz AT TIME ZONE 'UTC'
     FROM unnest($1::text[], $2::int[], $3::text[]) AS u(id, a, n)
     WHERE c."id" = u.id::bigint AND c."status" = 'in_flight'`,
    [[...progress.keys()].map(String), values.map((p) => p.attempts), values.map((p) => p.nextAttemptAt?.toISOString() ?? null)],
  );
}

/**
 * One statement: finished claims beyond the cursor are marked, claims the cursor passed are
 * deleted (all finished, by the ledger's invariant), and the cursor and streak are stored.
 */
export function finishClaims(sql: SqlExecutor, destinationId: string, updates: readonly ClaimUpdate[], cursor: number, streak: number): Promise<number> {
  return sql.execute(
    `WITH finished AS (
       UPDATE "DeliveryClaim" AS c SET "status" = u.s, "attempts" = u.a, "nextAttemptAt" = NULL, "finishedAt" = now() AT TIME ZONE 'UTC'
       FROM unnest($2::text[], $3::text[], $4::int[]) AS u(id, s, a)
       WHERE c."id" = u.id::bigint AND c."lastSeq" > $5
       RETURNING 1
     ), passed AS (
       DELETE FROM "DeliveryClaim" WHERE "destinationId" = $1 AND "lastSeq" <= $5 RETURNING 1
     )
     UPDATE "Destination" SET "deliveredThroughSeq" = GREATEST("deliveredThroughSeq", $5), "failureStreak" = $6,
       "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE "id" = $1`,
    [destinationId, updates.map((u) => String(u.claimId)), updates.map((u) => u.status), updates.map((u) => u.attempts), cursor, streak],
  );
}

export function setDestinationError(sql: SqlExecutor, destinationId: string, message: string): Promise<number> {
  return sql.execute(
    `UPDATE "Destination" SET "status" = 'error', "statusMessage" = $2, "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE "id" = $1 AND "status" = 'active'`,
    [destinationId, message.slice(0, 1000)],
  );
}

export interface InsertedClaim {
  id: bigint;
  firstSeq: number;
  lastSeq: number;
}

/** Claims the ranges (before any call is made); a range someone else claimed is skipped. */
export async function insertClaimRows(sql: SqlExecutor, destinationId: string, ranges: readonly { firstSeq: number; lastSeq: number }[], configVersion: number): Promise<InsertedClaim[]> {
  const rows = await sql.query<{ id: string | bigint; firstSeq: number; lastSeq: number }>(
    `INSERT INTO "DeliveryClaim" ("destinationId", "firstSeq", "lastSeq", "configVersion", "claimedAt")
     SELECT $1, f, l, $2, now() AT TIME ZONE 'UTC' FROM unnest($3::int[], $4::int[]) AS t(f, l)
     ON CONFLICT ("destinationId", "firstSeq") DO NOTHING
     RETURNING "id", "firstSeq", "lastSeq"`,
    [destinationId, configVersion, ranges.map((r) => r.firstSeq), ranges.map((r) => r.lastSeq)],
  );
  return rows.map((row) => ({ id: BigInt(row.id), firstSeq: row.firstSeq, lastSeq: row.lastSeq })).sort((a, b) => a.firstSeq - b.firstSeq);
}

export function selectRecords(sql: SqlExecutor, nexsetId: string, firstSeq: number, lastSeq: number) {
  return sql.query<{ seq: number; data: Record<string, unknown> }>(
    `SELECT "seq", "data" FROM "NexsetRecord" WHERE "nexsetId" = $1 AND "seq" BETWEEN $2 AND $3 ORDER BY "seq"`,
    [nexsetId, firstSeq, lastSeq],
  );
}
