import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendRecordsInTx, type JsonRecord } from "@/lib/nexsets/append-records";
import type { CallRow } from "./call-record";
import type { ClaimLedger, ClaimRange } from "./claim-ledger";

// Everything a running delivery writes goes through one journal, which commits whatever has
// piled up in ONE transaction: call rows, claim updates, error records, response-webhook
// records, the cursor and the failure streak. Batching keeps the database off the critical
// path; the single transaction means a response is recorded exactly when its claim finishes.

export type StreakEffect = "reset" | "fail" | "none";
export type ErrorRow = Prisma.ErrorRecordCreateManyInput;

export interface ClaimFinish {
  claimId: bigint;
  range: ClaimRange;
  status: "delivered" | "error";
  attempts: number;
  errorRecords: ErrorRow[];
  responses: JsonRecord[];
}

interface PendingFinish extends ClaimFinish {
  done: () => void;
}

export interface JournalOptions {
  db: Db;
  destinationId: string;
  ledger: ClaimLedger;
  failureStreak: number;
  failureStreakLimit: number;
  responseNexsetId: () => string | null;
  onResponsesAppended?: (nexsetId: string) => void;
  onError?: (error: Error) => void;
}

export class DeliveryJournal {
  private calls: { row: CallRow; streak: StreakEffect }[] = [];
  private progress = new Map<bigint, { attempts: number; nextAttemptAt: Date | null }>();
  private finishes: PendingFinish[] = [];
  private flushing: Promise<void> | undefined;
  streak: number;
  /** Set once the failure streak reached the limit and the destination was set to error. */
  tripped = false;
  lastFailure: string | undefined;

  constructor(private readonly opts: JournalOptions) {
    this.streak = opts.failureStreak;
  }

  recordCall(row: CallRow, streak: StreakEffect): void {
    this.calls.push({ row, streak });
    if (streak === "fail") this.lastFailure = row.errorMessage ?? `HTTP ${row.responseStatus ?? "error"}`;
    this.kick();
  }

  recordProgress(claimId: bigint, attempts: number, nextAttemptAt: Date | null): void {
    this.progress.set(claimId, { attempts, nextAttemptAt });
    this.kick();
  }

  /** Resolves once the claim's finish is committed. */
  finish(finish: ClaimFinish): Promise<void> {
    return new Promise((done) => {
      this.finishes.push({ ...finish, done });
      this.kick();
    });
  }

  get idle(): boolean {
    return !this.flushing && this.calls.length === 0 && this.progress.size === 0 && this.finishes.length === 0;
  }

  /** Waits until everything recorded so far is committed. */
  async drain(): Promise<void> {
    while (!this.idle) {
      this.kick();
      await this.flushing;
    }
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = undefined;
      // Something recorded between the loop's last look and now must not wait for the next event.
      if (!this.idle) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    let failures = 0;
    while (this.calls.length > 0 || this.progress.size > 0 || this.finishes.length > 0) {
      const calls = this.calls;
      const progress = this.progress;
      const finishes = this.finishes;
      this.calls = [];
      this.progress = new Map();
      this.finishes = [];
      try {
        await this.commit(calls, progress, finishes);
        failures = 0;
      } catch (error) {
        // The database is unreachable or restarting: keep the batch and try again; nothing is
        // acknowledged until it is committed.
        this.calls = [...calls, ...this.calls];
        for (const [id, value] of this.progress) progress.set(id, value);
        this.progress = progress;
        this.finishes = [...finishes, ...this.finishes];
        this.opts.onError?.(error as Error);
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** Math.min(failures, 6))));
      }
    }
  }

  private async commit(
    calls: { row: CallRow; streak: StreakEffect }[],
    progress: Map<bigint, { attempts: number; nextAttemptAt: Date | null }>,
    finishes: PendingFinish[],
  ): Promise<void> {
    const { db, destinationId, ledger } = this.opts;
    for (const finish of finishes) progress.delete(finish.claimId);
    let streak = this.streak;
    for (const call of calls) streak = call.streak === "reset" ? 0 : call.streak === "fail" ? streak + 1 : streak;
    const trip = !this.tripped && streak >= this.opts.failureStreakLimit;
    const cursor = ledger.cursorWith(finishes.map((f) => f.range));
    const responses = finishes.flatMap((f) => f.responses);
    const responseNexsetId = responses.length > 0 ? this.opts.responseNexsetId() : null;

    await db.$transaction(
      async (tx) => {
        if (calls.length > 0) await insertCalls(tx, calls.map((c) => c.row));
        if (progress.size > 0) await updateProgress(tx, progress);
        const errorRows = finishes.flatMap((f) => f.errorRecords);
        if (errorRows.length > 0) await tx.errorRecord.createMany({ data: errorRows });
        if (responseNexsetId) await appendRecordsInTx(tx, responseNexsetId, responses);
        if (finishes.length > 0 || streak !== this.streak) await finishClaims(tx, destinationId, finishes, cursor, streak);
        if (trip) {
          const message = `Stopped after ${streak} consecutive failed calls. Last error: ${this.lastFailure ?? "unknown"}`;
          await tx.$executeRaw`
            UPDATE "Destination" SET "status" = 'error', "statusMessage" = ${message.slice(0, 1000)}, "updatedAt" = now() AT TIME ZONE 'UTC'
            WHERE "id" = ${destinationId} AND "status" = 'active'`;
        }
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    (globalThis as unknown as { fgStats?: number[] }).fgStats ??= [0, 0, 0];
    const st = (globalThis as unknown as { fgStats: number[] }).fgStats;
    st[0]!++; st[1]! += finishes.length; st[2]! += calls.length;
    ledger.commitFinished(finishes.map((f) => f.range));
    this.streak = streak;
    if (trip) this.tripped = true;
    for (const finish of finishes) finish.done();
    if (responseNexsetId) this.opts.onResponsesAppended?.(responseNexsetId);
  }
}

type Tx = Prisma.TransactionClient;

async function updateProgress(tx: Tx, progress: Map<bigint, { attempts: number; nextAttemptAt: Date | null }>): Promise<void> {
  const ids = [...progress.keys()].map(String);
  const attempts = [...progress.values()].map((p) => p.attempts);
  const next = [...progress.values()].map((p) => p.nextAttemptAt?.toISOString() ?? null);
  await tx.$executeRaw`
    UPDATE "DeliveryClaim" AS c SET "attempts" = u.a, "nextAttemptAt" = u.n::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(${ids}::text[], ${attempts}::int[], ${next}::text[]) AS u(id, a, n)
    WHERE c."id" = u.id::bigint AND c."status" = 'in_flight'`;
}

/**
 * One statement: finished claims beyond the cursor are marked, claims the cursor passed are
 * deleted (all finished, by the ledger's invariant), and the cursor and streak are stored.
 */
async function finishClaims(tx: Tx, destinationId: string, finishes: PendingFinish[], cursor: number, streak: number): Promise<void> {
  const ids = finishes.map((f) => String(f.claimId));
  const statuses = finishes.map((f) => f.status);
  const attempts = finishes.map((f) => f.attempts);
  await tx.$executeRaw`
    WITH finished AS (
      UPDATE "DeliveryClaim" AS c SET "status" = u.s, "attempts" = u.a, "nextAttemptAt" = NULL, "finishedAt" = now() AT TIME ZONE 'UTC'
      FROM unnest(${ids}::text[], ${statuses}::text[], ${attempts}::int[]) AS u(id, s, a)
      WHERE c."id" = u.id::bigint AND c."lastSeq" > ${cursor}
      RETURNING 1
    ), passed AS (
      DELETE FROM "DeliveryClaim" WHERE "destinationId" = ${destinationId} AND "lastSeq" <= ${cursor}
      RETURNING 1
    )
    UPDATE "Destination" SET "deliveredThroughSeq" = GREATEST("deliveredThroughSeq", ${cursor}), "failureStreak" = ${streak},
      "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" = ${destinationId}`;
}

/** DeliveryCall rows in one INSERT (column arrays), cheaper than a createMany per batch. */
async function insertCalls(tx: Tx, rows: CallRow[]): Promise<void> {
  const column = <T>(pick: (row: CallRow) => T) => rows.map(pick);
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await tx.$executeRaw`
    INSERT INTO "DeliveryCall" ("organisationId", "destinationId", "kind", "firstSeq", "lastSeq", "recordCount", "configVersion", "attempt",
      "method", "url", "requestHeaders", "requestBody", "responseStatus", "responseHeaders", "responseBody", "outcome", "errorMessage",
      "latencyMs", "createdAt")
    SELECT o, d, k, fs, ls, rc, cv, at, m, u, rh::jsonb, rb, st, sh::jsonb, sb, oc, em, lat, ca::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(
      ${column((r) => r.organisationId)}::text[], ${column((r) => r.destinationId)}::text[], ${column((r) => r.kind ?? "delivery")}::text[],
      ${column((r) => r.firstSeq ?? null)}::int[], ${column((r) => r.lastSeq ?? null)}::int[], ${column((r) => r.recordCount ?? 0)}::int[],
      ${column((r) => r.configVersion)}::int[], ${column((r) => r.attempt ?? 1)}::int[], ${column((r) => r.method)}::text[],
      ${column((r) => r.url)}::text[], ${column((r) => json(r.requestHeaders))}::text[], ${column((r) => r.requestBody ?? null)}::text[],
      ${column((r) => r.responseStatus ?? null)}::int[], ${column((r) => json(r.responseHeaders))}::text[],
      ${column((r) => r.responseBody ?? null)}::text[], ${column((r) => r.outcome)}::text[], ${column((r) => r.errorMessage ?? null)}::text[],
      ${column((r) => r.latencyMs)}::int[], ${column((r) => toIso(r.createdAt))}::text[]
    ) AS t(o, d, k, fs, ls, rc, cv, at, m, u, rh, rb, st, sh, sb, oc, em, lat, ca)`;
}

function toIso(value: Date | string | undefined): string {
  if (value === undefined) return new Date().toISOString();
  return typeof value === "string" ? value : value.toISOString();
}
