import { setMaxListeners } from "node:events";
import type { Redis } from "ioredis";
import type pg from "pg";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import type { Db } from "@/lib/db/client";
import { pgExecutor, type SqlExecutor } from "@/lib/db/sql-executor";
import type { Logger } from "@/lib/log";
import type { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { CallWindow } from "./call-window";
import { ClaimLedger } from "./claim-ledger";
import { ClaimOpener } from "./claim-opener";
import type { BytePool } from "./claim-sizing";
import { inFlightClaimBytes, loadClaims } from "./claim-store";
import { type ClaimTaskEnv, type OpenClaim, runClaim } from "./claim-task";
import { callSlots, type DeliverySettings } from "./delivery-settings";
import { DeliveryJournal } from "./delivery-journal";
import { type DestinationLease, type DestinationLocks, takeRunFence } from "./destination-lock";
import { type DestinationSnapshot, loadDestinationSnapshot, recordsPerCall } from "./destination-snapshot";
import { DestinationView } from "./destination-view";
import { FailureStreak } from "./failure-streak";
import { RunWaker } from "./run-waker";

// One delivery run of one destination: holds the destination's lock, keeps claims open while
// calls wait for a slot (claim-opener.ts), runs each claim (claim-task.ts) and commits through the
// journal (delivery-journal.ts). It ends when it has caught up with the Nexset, or drains (finishing
// calls in flight, starting none) when the destination is paused or errors, the failure streak
// reaches its limit, Intercom refuses the token, another run takes over, or the worker shuts down.
// The run alone decides to stop; it learns why from what it owns (the streak, the journal, the
// view of its destination) rather than from callbacks.

const NEEDS_RECONNECT = "the connection needs reconnecting";
const FENCED_OUT = "another run took the destination over";

export interface RunDeps {
  db: Db;
  /** node-postgres pool for the hot path (claims, records, the journal). */
  pool: pg.Pool;
  redis: Redis;
  locks: DestinationLocks;
  settings: DeliverySettings;
  /** The process's bytes of records in flight, shared by every run. */
  bytePool: BytePool;
  log: Logger;
  runCode: CodeRunner;
  budgetFor(credentialId: string, limitPer10s: number): BudgetDispenser;
  /** Aborted when the worker shuts down: drain. */
  stopSignal: AbortSignal;
  /** Aborted when the shutdown grace ran out: cancel calls in flight. */
  hardSignal: AbortSignal;
}

export type RunResult = "caught_up" | "drained" | "busy" | "not_active" | "missing";

export async function runDestination(destinationId: string, deps: RunDeps, lockWaitMs = 2_000): Promise<RunResult> {
  const lease = await deps.locks.lockWithin(destinationId, lockWaitMs, deps.stopSignal);
  if (!lease) return "busy";
  try {
    const snapshot = await loadDestinationSnapshot(deps.db, destinationId);
    if (!snapshot) return "missing";
    if (snapshot.status !== "active") return "not_active";
    const fence = await takeRunFence(deps.db, destinationId);
    return await new DestinationRun(deps, lease, snapshot, fence).run();
  } finally {
    await lease.release();
  }
}

class DestinationRun {
  /** Aborted when no new call may start (the run stops, the streak's limit, a 401). */
  private readonly drain = new AbortController();
  private readonly permits: CallWindow;
  private readonly sql: SqlExecutor;
  private readonly view: DestinationView;
  private readonly opener: ClaimOpener;
  private readonly streak: FailureStreak;
  private readonly running = new Map<bigint, Promise<void>>();
  private pending: OpenClaim[] = [];
  private ledger!: ClaimLedger;
  private journal!: DeliveryJournal;
  private readonly waker: RunWaker;
  private stopReason: string | undefined;

  constructor(
    private readonly deps: RunDeps,
    private readonly lease: DestinationLease,
    snapshot: DestinationSnapshot,
    private readonly fence: number,
  ) {
    setMaxListeners(0, this.drain.signal);
    this.permits = new CallWindow(callSlots(deps.settings, snapshot.config ? recordsPerCall(snapshot.config) : 1));
    this.waker = new RunWaker(this.permits);
    this.sql = pgExecutor(deps.pool);
    this.view = new DestinationView(deps.db, deps.log, snapshot, deps.settings.refreshIntervalMs);
    this.opener = new ClaimOpener(this.sql, deps.settings, deps.bytePool);
    this.streak = new FailureStreak(snapshot.failureStreak, deps.settings.failureStreakLimit, this.drain);
  }

  private get snapshot(): DestinationSnapshot {
    return this.view.snapshot;
  }

  async run(): Promise<RunResult> {
    const log = this.deps.log.child({ destinationId: this.snapshot.id });
    const problem = await this.view.prepare();
    if (problem) {
      await this.fail(problem);
      return "drained";
    }
    const claims = await loadClaims(this.deps.db, this.snapshot.id);
    this.ledger = new ClaimLedger(
      this.snapshot.deliveredThroughSeq,
      claims.reduce((max, c) => Math.max(max, c.lastSeq), 0),
    );
    this.ledger.commitFinished(claims.filter((c) => c.status !== "in_flight"));
    this.pending = claims.filter((c) => c.status === "in_flight");
    if (this.pending.length > 0) {
      const bytes = await inFlightClaimBytes(
        this.sql,
        this.snapshot.id,
        this.snapshot.nexsetId,
        this.deps.settings.maxRecordBytes,
      );
      for (const claim of this.pending) claim.bytes = bytes.get(claim.id) ?? 0;
      log.info({ claims: this.pending.length }, "resending claims left in flight by an earlier run");
    }
    this.journal = new DeliveryJournal({
      db: this.deps.db,
      pool: this.deps.pool,
      log: this.deps.log,
      destinationId: this.snapshot.id,
      ledger: this.ledger,
      streak: this.streak,
      fence: this.fence,
      responseNexsetId: () => this.view.responseNexsetId,
    });
    // Nothing this run does is committed any more: it stops at once.
    void this.journal.lostFence.then(() => this.stopNow(FENCED_OUT));
    // The worker stopping, the streak's limit or a 401 (the drain aborted): the loop looks at once.
    const wake = () => this.waker.wake();
    this.deps.stopSignal.addEventListener("abort", wake);
    this.drain.signal.addEventListener("abort", wake);
    let reconnectMark: Promise<void> | undefined;
    try {
      await this.loop();
      // Intercom refused the token: the connection needs reconnecting (while the calls in flight end).
      if (this.stopReason === NEEDS_RECONNECT)
        reconnectMark = this.view.markNeedsReconnect(this.streak.credentialRejected!);
    } finally {
      this.deps.stopSignal.removeEventListener("abort", wake);
      this.drain.signal.removeEventListener("abort", wake);
      this.waker.close();
      this.drain.abort();
      await Promise.allSettled(this.running.values());
      await this.journal.drain();
      await reconnectMark;
    }
    // A run that caught up may still find, committing its last answers, that another run took over.
    if (this.journal.fencedOut) this.stopReason ??= FENCED_OUT;
    // Answers that did not stay committed (uncommitted-answers.ts): the next run sends them again.
    const { letGo, maybeLost } = this.journal.uncommitted;
    if (this.stopReason || letGo + maybeLost > 0)
      log.info(
        {
          reason: this.stopReason ?? "caught up",
          cursor: this.ledger.cursor,
          answeredNotCommitted: letGo,
          answeredMaybeLost: maybeLost,
        },
        this.stopReason ? "delivery run drained" : "delivery run caught up",
      );
    return this.stopReason ? "drained" : "caught_up";
  }

  private async loop(): Promise<void> {
    const { settings } = this.deps;
    for (;;) {
      if (this.view.refreshDue) await this.refresh();
      this.stopReason ??= this.reasonToStop();
      if (this.stopReason) return;
      while (
        this.running.size < settings.maxOpenClaims &&
        this.pending.length > 0 &&
        this.opener.reserve(this.pending[0]!.bytes ?? 0)
      )
        this.start(this.pending.shift()!);
      const wanted = this.opener.wanted(this.running.size, this.permits, this.snapshot);
      if (wanted > 0) {
        try {
          for (const claim of await this.opener.open(wanted, this.snapshot, this.ledger)) this.start(claim);
        } catch (error) {
          // The database is briefly unreachable: nothing was claimed, so nothing is lost; look again shortly.
          this.deps.log.warn(
            { destinationId: this.snapshot.id, err: (error as Error).message },
            "could not claim records; retrying",
          );
          await this.waker.sleep(1_000);
          continue;
        }
      }
      if (
        this.running.size === 0 &&
        this.pending.length === 0 &&
        this.ledger.claimedThrough >= this.snapshot.recordCount
      ) {
        // Caught up, as of a moment ago: look once more before ending (records may have just arrived).
        await this.refresh();
        if (this.ledger.claimedThrough >= this.snapshot.recordCount) return;
        continue;
      }
      await this.waker.sleep(settings.refreshIntervalMs);
    }
  }

  private reasonToStop(): string | undefined {
    if (this.deps.stopSignal.aborted) return "worker shutting down";
    if (!this.lease.valid()) return "lost the destination lock";
    if (this.streak.credentialRejected) return NEEDS_RECONNECT;
    if (this.snapshot.status !== "active") return `destination is ${this.snapshot.status}`;
    if (this.streak.reached) return "failure streak reached";
    if (this.journal.fencedOut) return FENCED_OUT;
    return undefined;
  }

  /** Runs a claim whose bytes are reserved (the opener, or the pending loop); gives them back when it ends. */
  private start(claim: OpenClaim): void {
    const task = runClaim(claim, this.claimEnv())
      .then(async (end) => {
        // An abandoned claim stays in_flight in PostgreSQL; the next run sends it again.
        if (end === "abandoned" && !this.drain.signal.aborted) this.pending.push({ ...claim, records: undefined });
        // The settings can't build any request: stop the run and tell the user.
        if (typeof end === "object") await this.fail(end.configError);
      })
      .catch(async (error: Error) => {
        this.deps.log.warn(
          { destinationId: this.snapshot.id, firstSeq: claim.firstSeq, err: error.message },
          "claim failed; will retry",
        );
        // Still in_flight in PostgreSQL; try it again after a pause (e.g. the database came back).
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        this.pending.push({ ...claim, records: undefined });
      })
      .finally(() => {
        this.opener.release(claim.bytes ?? 0);
        this.running.delete(claim.id);
        this.waker.wake();
      });
    this.running.set(claim.id, task);
  }

  private claimEnv(): ClaimTaskEnv {
    const credential = this.view.credential!;
    const snapshot = this.snapshot;
    return {
      sql: this.sql,
      journal: this.journal,
      streak: this.streak,
      runCode: this.deps.runCode,
      maxRecordBytes: this.deps.settings.maxRecordBytes,
      destination: { id: snapshot.id, organisationId: snapshot.organisationId, nexsetId: snapshot.nexsetId },
      current: () => this.view.claimSettings(),
      send: {
        redis: this.deps.redis,
        budget: this.deps.budgetFor(credential.id, snapshot.rateLimitPer10s),
        credentialId: credential.id,
        destinationId: snapshot.id,
        baseUrl: credential.baseUrl,
        token: credential.token,
        version: snapshot.config!.intercomVersion,
        limitPer10s: snapshot.rateLimitPer10s,
        settings: this.deps.settings,
        permits: this.permits,
        waitSignal: this.drain.signal,
        hardSignal: this.deps.hardSignal,
      },
    };
  }

  private async refresh(): Promise<void> {
    const problem = await this.view.refresh();
    if (problem) await this.fail(problem);
  }

  /** No new calls from now on; calls in flight finish and are recorded. */
  private stopNow(reason: string): void {
    this.stopReason ??= reason;
    this.drain.abort();
    this.waker.wake();
  }

  /** Stops the run, and the destination goes to error with `message`. */
  private async fail(message: string): Promise<void> {
    this.stopNow(message);
    await this.view.failDestination(message);
  }
}
