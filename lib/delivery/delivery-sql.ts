import type { Prisma } from "@/lib/generated/prisma/client";
import type { CallRow } from "./call-record";
import type { SqlExecutor } from "./sql-executor";

// The journal's commit as ONE statement, whatever it holds: data-modifying CTEs over column arrays
// (unnest) and one JSON document, so a commit costs one round trip and no BEGIN/COMMIT. All parts
// see the same snapshot, so they must not touch the same rows: progress updates only claims still
// in flight that this commit doesn't finish, finished claims beyond the cursor are marked, and
// claims the cursor passed (all finished, by the ledger's invariant) are deleted. Timestamps are
// written as UTC, as Prisma stores them.

export type ErrorRow = Prisma.ErrorRecordCreateManyInput;

export interface ClaimUpdate {
  claimId: bigint;
  status: string;
  attempts: number;
}

export interface JournalCommit {
  destinationId: string;
  calls: readonly CallRow[];
  /** Attempts and next-attempt times of claims waiting to be retried (still in flight). */
  progress: ReadonlyMap<bigint, { attempts: number; nextAttemptAt: Date | null }>;
  errorRecords: readonly ErrorRow[];
  finished: readonly ClaimUpdate[];
  /** Store the cursor and streak (claims finished, or the streak moved). */
  storeCursor: boolean;
  cursor: number;
  streak: number;
  /** Set the destination to error with this message (the failure streak reached its limit). */
  errorMessage: string | null;
}

export function commitJournal(sql: SqlExecutor, commit: JournalCommit): Promise<number> {
  const progress = [...commit.progress];
  const errors = commit.errorRecords;
  const col = <T>(pick: (row: ErrorRow) => T) => errors.map(pick);
  return sql.execute(
    `WITH calls AS (
       INSERT INTO "DeliveryCall" ("organisationId", "destinationId", "kind", "firstSeq", "lastSeq", "recordCount", "configVersion",
         "attempt", "method", "url", "requestHeaders", "requestBody", "responseStatus", "responseHeaders", "responseBody", "outcome",
         "errorMessage", "latencyMs", "createdAt")
       SELECT o, d, k, fs, ls, rc, cv, at, m, u, rh, rb, st, sh, sb, oc, em, lat, ca AT TIME ZONE 'UTC'
       FROM jsonb_to_recordset($2::jsonb) AS t(o text, d text, k text, fs int, ls int, rc int, cv int, at int, m text, u text, rh jsonb,
         rb text, st int, sh jsonb, sb text, oc text, em text, lat int, ca timestamptz)
     ), progress AS (
       UPDATE "DeliveryClaim" AS c SET "attempts" = u.a, "nextAttemptAt" = u.n::timestamptz AT TIME ZONE 'UTC'
       FROM unnest($3::text[], $4::int[], $5::text[]) AS u(id, a, n)
       WHERE c."id" = u.id::bigint AND c."status" = 'in_flight'
     ), errors AS (
       INSERT INTO "ErrorRecord" ("organisationId", "destinationId", "firstSeq", "lastSeq", "reason", "configVersion", "requestMethod",
         "requestUrl", "requestBody", "responseStatus", "responseBody", "createdAt")
       SELECT o, d, fs, ls, r, cv, rm, ru, rb, st, sb, now() AT TIME ZONE 'UTC'
       FROM unnest($6::text[], $7::text[], $8::int[], $9::int[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::int[], $16::text[])
         AS t(o, d, fs, ls, r, cv, rm, ru, rb, st, sb)
     ), finished AS (
       UPDATE "DeliveryClaim" AS c SET "status" = u.s, "attempts" = u.a, "nextAttemptAt" = NULL, "finishedAt" = now() AT TIME ZONE 'UTC'
       FROM unnest($17::text[], $18::text[], $19::int[]) AS u(id, s, a)
       WHERE c."id" = u.id::bigint AND c."lastSeq" > $20
     ), passed AS (
       DELETE FROM "DeliveryClaim" WHERE $21 AND "destinationId" = $1 AND "lastSeq" <= $20
     )
     UPDATE "Destination" SET
       "deliveredThroughSeq" = CASE WHEN $21 THEN GREATEST("deliveredThroughSeq", $20) ELSE "deliveredThroughSeq" END,
       "failureStreak" = CASE WHEN $21 THEN $22 ELSE "failureStreak" END,
       "status" = CASE WHEN $23::text IS NOT NULL AND "status" = 'active' THEN 'error' ELSE "status" END,
       "statusMessage" = CASE WHEN $23::text IS NOT NULL AND "status" = 'active' THEN $23 ELSE "statusMessage" END,
       "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE "id" = $1 AND ($21 OR $23::text IS NOT NULL)`,
    [
      commit.destinationId,
      callsDocument(commit.calls),
      progress.map(([id]) => String(id)),
      progress.map(([, p]) => p.attempts),
      progress.map(([, p]) => p.nextAttemptAt?.toISOString() ?? null),
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
      commit.finished.map((u) => String(u.claimId)),
      commit.finished.map((u) => u.status),
      commit.finished.map((u) => u.attempts),
      commit.cursor,
      commit.storeCursor,
      commit.streak,
      commit.errorMessage?.slice(0, 1000) ?? null,
    ],
    "flowgate-commit-journal",
  );
}

/**
 * The calls travel as one JSON document (native JSON.stringify, parsed by PostgreSQL) rather than
 * as text arrays, whose escaping in JS costs more CPU and garbage for large bodies.
 */
function callsDocument(rows: readonly CallRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
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
    })),
  );
}
