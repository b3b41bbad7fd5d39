import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { inTransaction, type TransactionStep } from "@/lib/db/sql-executor";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import type { Logger } from "@/lib/log";
import { appendRecordsWith, type JsonRecord } from "@/lib/nexsets/append-records";
import type { CallRow } from "./call-record";
import type { ClaimLedger, ClaimRange } from "./claim-ledger";
import { CallRowEncoder, writeEncodedCallRows } from "./call-log-writer";
import { commitJournal, type ErrorRow, type JournalCommit } from "./delivery-sql";
import type { FailureStreak } from "./failure-streak";
import { UncommittedAnswers } from "./uncommitted-answers";

// Everything a running delivery writes goes through one journal, which commits whatever has
// piled up in ONE transaction: claim updates, error records, response-webhook records, the
// cursor and the failure streak. Batching keeps the database off the critical path; the single
// transaction means a response is recorded exactly when its claim's records are done. Call rows
// (the activity log, the bulk of what a delivery writes) go just before, by COPY
// (call-log-writer.ts), so a call is in the log by the time its records count as done.
//
// The journal reports rather than calls back: a database error is logged and the commit tried
// again; a lost fence sets `fencedOut` and settles `lostFence`, which the run waits on to stop.
// The fence guards claims and the cursor, not the activity log: a call row is a fact about a call
// made, so a fenced-out run still writes the rows of its calls (DESIGN.md: every answer is kept).

/** A commit found that a later run took the destination over (its fencing token moved on). */
export class LostFenceError extends Error {
  constructor() {
    super("Another delivery run took this destination over; this run commits nothing more");
  }
}

/**
 * Commits start at least this far apart: what arrives meanwhile joins the next one. A round trip
 * to the database costs the worker far more CPU than the rows it carries, so at thousands of
 * calls a second fewer, larger commits leave the CPU to the calls.
 */
export const COMMIT_GAP_MS = 50;
export type { ErrorRow };

export interface ClaimFinish {
  claimId: bigint;
  range: ClaimRange;
  status: "delivered" | "error";
  attempts: number;
  errorRecords: ErrorRow[];
  responses: JsonRecord[];
  /** Records whose answers this finish records (those not already recorded as done by recordDone). */
  answered: number;
}

interface PendingFinish extends ClaimFinish {
  done: () => void;
}

/** Some of a claim's records are done (their call ended) while others are still on their way. */
interface PartialDone {
  claimId: bigint;
  mask: bigint;
  /** Records answered (the bits of `mask`). */
  answered: number;
  errorRecords: ErrorRow[];
  responses: JsonRecord[];
}

type Progress = Map<bigint, { attempts: number; nextAttemptAt: Date | null }>;

export interface JournalOptions {
  db: Db;
  pool: pg.Pool;
  destinationId: string;
  ledger: ClaimLedger;
  /** The run's failure streak, committed with the cursor; at its limit the destination is set to error. */
  streak: FailureStreak;
  /** The run's fencing token: a commit writes only while the destination still carries it. */
  fence: number;
  responseNexsetId: () => string | null;
  log: Logger;
}

export class DeliveryJournal {
  /** Calls not yet committed, in order, as COPY lines; `row` is dropped once the row is written. */
  private calls: { row: Buffer | undefined }[] = [];
  private readonly encoder = new CallRowEncoder();
  private progress: Progress = new Map();
  private partials: PartialDone[] = [];
  private finishes: PendingFinish[] = [];
  private flushing: Promise<void> | undefined;
  private lastCommitAt = 0;
  /** The streak as last committed. */
  private committedStreak: number;
  /** Set once the failure streak reached the limit and the destination was set to error. */
  private errorCommitted = false;
  private lostFenceError: LostFenceError | undefined;
  private settleLostFence!: (error: LostFenceError) => void;
  /** Settles once a commit found another run's fence: this run must stop; nothing more is committed. */
  readonly lostFence = new Promise<LostFenceError>((resolve) => (this.settleLostFence = resolve));
  /** Answers that may not stay committed (uncommitted-answers.ts): the next run sends their records again. */
  readonly uncommitted = new UncommittedAnswers();

  constructor(private readonly opts: JournalOptions) {
    this.committedStreak = opts.streak.value;
  }

  get fencedOut(): boolean {
    return this.lostFenceError !== undefined;
  }

  recordCall(row: CallRow): void {
    this.calls.push({ row: this.encoder.encode(row) });
    this.kick();
  }

  /** A claim waits for a retry; with several calls waiting, the most attempts and the latest time win. */
  recordProgress(claimId: bigint, attempts: number, nextAttemptAt: Date | null): void {
    const known = this.progress.get(claimId);
    const later =
      known?.nextAttemptAt && (!nextAttemptAt || known.nextAttemptAt > nextAttemptAt)
        ? known.nextAttemptAt
        : nextAttemptAt;
    this.progress.set(claimId, { attempts: Math.max(attempts, known?.attempts ?? 0), nextAttemptAt: later });
    this.kick();
  }

  /** The records in `mask` of a claim still in flight are done, with what their call left behind. */
  recordDone(claimId: bigint, mask: bigint, answered: number, errorRecords: ErrorRow[], responses: JsonRecord[]): void {
    this.partials.push({ claimId, mask, answered, errorRecords, responses });
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
    return (
      !this.flushing &&
      this.calls.length === 0 &&
      this.progress.size === 0 &&
      this.partials.length === 0 &&
      this.finishes.length === 0
    );
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
    while (this.calls.length > 0 || this.progress.size > 0 || this.partials.length > 0 || this.finishes.length > 0) {
      const gap = this.lastCommitAt + COMMIT_GAP_MS - Date.now();
      if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
      this.lastCommitAt = Date.now();
      const calls = this.calls;
      let progress = this.progress;
      let partials = this.partials;
      let finishes = this.finishes;
      this.calls = [];
      this.progress = new Map();
      this.partials = [];
      this.finishes = [];
      if (this.fencedOut) {
        // Another run holds the destination: what this one did is its to redo, and its waiters go
        // on at once. Only its call rows are still written (commit() stops after them).
        this.letGo(partials, finishes);
        progress = new Map();
        partials = [];
        finishes = [];
      }
      try {
        await this.commit(calls, progress, partials, finishes);
        failures = 0;
      } catch (error) {
        if (error instanceof LostFenceError) {
          this.letGo([...partials, ...this.partials], [...finishes, ...this.finishes]);
          // The calls recorded meanwhile stay: the next loop writes them.
          this.progress = new Map();
          this.partials = [];
          this.finishes = [];
          this.lostFenceError = error;
          this.opts.log.warn(
            { destinationId: this.opts.destinationId, answeredNotCommitted: this.uncommitted.letGo },
            error.message,
          );
          this.settleLostFence(error);
          continue;
        }
        // The database is unreachable or restarting: keep the batch and try again; nothing is
        // acknowledged until it is committed.
        this.calls = [...calls, ...this.calls];
        for (const [id, value] of this.progress) progress.set(id, value);
        this.progress = progress;
        this.partials = [...partials, ...this.partials];
        this.finishes = [...finishes, ...this.finishes];
        this.uncommitted.connectionLost();
        failures++;
        this.opts.log.warn(
          {
            destinationId: this.opts.destinationId,
            err: (error as Error).message,
            // Answered, waiting for this commit: what a takeover now would make the next run send again.
            answeredWaiting: answeredIn(this.partials, this.finishes),
          },
          "could not record delivery progress; retrying",
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** Math.min(failures, 6))));
      }
    }
  }

  /** Nothing of these is committed: their claims stay in flight for the next run, and their waiters go on. */
  private letGo(partials: readonly PartialDone[], finishes: readonly PendingFinish[]): void {
    this.uncommitted.letGo += answeredIn(partials, finishes);
    for (const finish of finishes) finish.done();
  }

  private async commit(
    calls: { row: Buffer | undefined }[],
    progress: Progress,
    partials: PartialDone[],
    finishes: PendingFinish[],
  ): Promise<void> {
    const { db, destinationId, ledger } = this.opts;
    const rows = calls.flatMap((c) => (c.row ? [c.row] : []));
    if (rows.length > 0) {
      const refused = await writeEncodedCallRows(this.opts.pool, rows);
      for (const error of refused) this.opts.log.warn({ destinationId, err: error.message }, error.message);
      // Written: if the rest of the commit fails and is tried again, they are not written twice.
      for (const call of calls) call.row = undefined;
    }
    // Fenced out: the calls were facts, the rest is the next run's.
    if (this.fencedOut) return;
    for (const finish of finishes) progress.delete(finish.claimId);
    // A claim finishing in this commit needs no mask; what its finished calls left behind is kept.
    const finishing = new Set(finishes.map((f) => f.claimId));
    const doneMasks = new Map<bigint, bigint>();
    for (const partial of partials) {
      if (!finishing.has(partial.claimId))
        doneMasks.set(partial.claimId, (doneMasks.get(partial.claimId) ?? 0n) | partial.mask);
    }
    // The streak as the run counts it now (it may include calls of the next commit: harmless).
    const streak = this.opts.streak.value;
    const trip = !this.errorCommitted && this.opts.streak.reached;
    const cursor = ledger.cursorWith(finishes.map((f) => f.range));
    const responses = [...partials.flatMap((p) => p.responses), ...finishes.flatMap((f) => f.responses)];
    const responseNexsetId = responses.length > 0 ? this.opts.responseNexsetId() : null;

    const statement: JournalCommit = {
      destinationId,
      progress,
      doneMasks,
      errorRecords: [...partials.flatMap((p) => p.errorRecords), ...finishes.flatMap((f) => f.errorRecords)],
      finished: finishes.map((f) => ({ claimId: f.claimId, status: f.status, attempts: f.attempts })),
      storeCursor: finishes.length > 0 || streak !== this.committedStreak,
      cursor,
      streak,
      errorMessage: trip
        ? `Stopped after ${streak} consecutive failed calls. Last error: ${this.opts.streak.lastFailure ?? "unknown"}`
        : null,
      fence: this.opts.fence,
    };
    const steps: TransactionStep[] = [
      async (sql) => {
        if (!(await commitJournal(sql, statement))) throw new LostFenceError();
      },
    ];
    // Responses become Nexset records through lib/nexsets, in the same transaction as the claims they finish.
    if (responseNexsetId)
      steps.push(async (sql) => {
        await appendRecordsWith(sql, responseNexsetId, responses);
      });
    await inTransaction(this.opts.pool, steps);
    this.uncommitted.committed(answeredIn(partials, finishes));
    ledger.commitFinished(finishes.map((f) => f.range));
    this.committedStreak = streak;
    if (trip) this.errorCommitted = true;
    for (const finish of finishes) finish.done();
    // Flows reading the response Nexset deliver the new records (as after any other append).
    if (responseNexsetId) void notifyRecordsAppended(responseNexsetId, db);
  }
}

/** Records answered in these batches: a partial's records, and what each finish adds. */
function answeredIn(partials: readonly PartialDone[], finishes: readonly ClaimFinish[]): number {
  let count = 0;
  for (const partial of partials) count += partial.answered;
  for (const finish of finishes) count += finish.answered;
  return count;
}
