import type { Prisma } from "@/lib/generated/prisma/client";
import type { SqlExecutor } from "@/lib/db/sql-executor";

// The journal's commit as ONE statement, whatever it holds: data-modifying CTEs over column arrays
// (unnest), so a commit costs one round trip and no BEGIN/COMMIT. All parts
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
  /** Attempts and next-attempt times of claims waiting to be retried (still in flight). */
  progress: ReadonlyMap<bigint, { attempts: number; nextAttemptAt: Date | null }>;
  /** Records now done in claims still in flight (bits to add to their doneMask). */
  doneMasks: ReadonlyMap<bigint, bigint>;
  errorRecords: readonly ErrorRow[];
  finished: readonly ClaimUpdate[];
  /** Store the cursor and streak (claims finished, or the streak moved). */
  storeCursor: boolean;
  cursor: number;
  streak: number;
  /** Set the destination to error with this message (the failure streak reached its limit). */
  errorMessage: string | null;
  /**
   * The run's fencing token (destination-lock.ts): the commit writes nothing unless the destination
   * still carries it, i.e. no later run has taken the destination over. Unset: not checked.
   */
  fence?: number;
}

/** Commits; false when the fence was lost (nothing written). */
export async function commitJournal(sql: SqlExecutor, commit: JournalCommit): Promise<boolean> {
  // One row per claim touched: its retry state (when it has one) and its new done records.
  const masks = commit.doneMasks;
  const claimIds = [...new Set([...commit.progress.keys(), ...masks.keys()])];
  const progress = claimIds.map((id) => [id, commit.progress.get(id)] as const);
  const errors = commit.errorRecords;
  const col = <T>(pick: (row: ErrorRow) => T) => errors.map(pick);
  const rows = await sql.query<{ held: boolean }>(
    `WITH fence AS (
       -- Locks the destination's row: a run taking it over (a new fence) waits for this commit, or
       -- this commit sees the new fence and writes nothing.
       SELECT 1 FROM "Destination" WHERE "id" = $1 AND ($24::int IS NULL OR "runFence" = $24) FOR UPDATE
     ), progress AS (
       UPDATE "DeliveryClaim" AS c SET
         "attempts" = GREATEST(c."attempts", COALESCE(u.a, 0)),
         "nextAttemptAt" = CASE WHEN u.a IS NULL THEN c."nextAttemptAt" ELSE u.n::timestamptz AT TIME ZONE 'UTC' END,
         "doneMask" = c."doneMask" | u.m
       FROM unnest($2::text[], $3::int[], $4::text[], $23::bigint[]) AS u(id, a, n, m)
       WHERE c."id" = u.id::bigint AND c."status" = 'in_flight' AND EXISTS (SELECT 1 FROM fence)
     ), errors AS (
       INSERT INTO "ErrorRecord" ("organisationId", "destinationId", "firstSeq", "lastSeq", "reason", "configVersion", "requestMethod",
         "requestUrl", "requestBody", "responseStatus", "responseBody", "createdAt")
       SELECT o, d, fs, ls, r, cv, rm, ru, rb, st, sb, now() AT TIME ZONE 'UTC'
       FROM unnest($5::text[], $6::text[], $7::int[], $8::int[], $9::text[], $10::int[], $11::text[], $12::text[], $13::text[], $14::int[], $15::text[])
         AS t(o, d, fs, ls, r, cv, rm, ru, rb, st, sb)
       WHERE EXISTS (SELECT 1 FROM fence)
     ), finished AS (
       UPDATE "DeliveryClaim" AS c SET "status" = u.s, "attempts" = u.a, "nextAttemptAt" = NULL, "finishedAt" = now() AT TIME ZONE 'UTC'
       FROM unnest($16::text[], $17::text[], $18::int[]) AS u(id, s, a)
       WHERE c."id" = u.id::bigint AND c."lastSeq" > $19 AND EXISTS (SELECT 1 FROM fence)
     ), passed AS (
       DELETE FROM "DeliveryClaim" WHERE $20 AND "destinationId" = $1 AND "firstSeq" <= $19 AND "lastSeq" <= $19
         AND EXISTS (SELECT 1 FROM fence)
     ), destination AS (
     UPDATE "Destination" SET
       "deliveredThroughSeq" = CASE WHEN $20 THEN GREATEST("deliveredThroughSeq", $19) ELSE "deliveredThroughSeq" END,
       "failureStreak" = CASE WHEN $20 THEN $21 ELSE "failureStreak" END,
       "status" = CASE WHEN $22::text IS NOT NULL AND "status" = 'active' THEN 'error' ELSE "status" END,
       "statusMessage" = CASE WHEN $22::text IS NOT NULL AND "status" = 'active' THEN $22 ELSE "statusMessage" END,
       "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE "id" = $1 AND ($20 OR $22::text IS NOT NULL) AND EXISTS (SELECT 1 FROM fence)
     )
     SELECT EXISTS (SELECT 1 FROM fence) AS held`,
    [
      commit.destinationId,
      progress.map(([id]) => String(id)),
      progress.map(([, p]) => p?.attempts ?? null),
      progress.map(([, p]) => p?.nextAttemptAt?.toISOString() ?? null),
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
      // BIGINT is signed: bit 63 travels as the sign bit (OR works bit for bit either way).
      claimIds.map((id) => String(BigInt.asIntN(64, masks.get(id) ?? 0n))),
      commit.fence ?? null,
    ],
    "flowgate-commit-journal",
  );
  return rows[0]?.held === true;
}
