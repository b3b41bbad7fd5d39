import { setMaxListeners } from "node:events";
import type { Redis } from "ioredis";
import type pg from "pg";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import { loadCredentialToken, type LoadedCredential } from "@/lib/credentials/load-credential-token";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/log";
import type { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { jobSpecFor, type JobSpec } from "./bulk-job-poll";
import { ClaimLedger } from "./claim-ledger";
import { type BytePool, cutClaims, runByteCap } from "./claim-sizing";
import { inFlightClaimBytes, insertClaims, loadClaims, recordSizes } from "./claim-store";
import { markNeedsReconnect } from "../needs-reconnect";
import { type ClaimTaskEnv, type OpenClaim, runClaim } from "./claim-task";
import { callSlots, type DeliverySettings } from "./delivery-settings";
import { DeliveryJournal, LostFenceError } from "./delivery-journal";
import { FailureStreak } from "./failure-streak";
import { type DestinationLease, type DestinationLocks, takeRunFence } from "./destination-lock";
import {
  callsPerClaim,
  type DestinationSnapshot,
  loadDestinationSnapshot,
  recordsPerCall,
  recordsPerClaim,
} from "./destination-snapshot";
import { ensureResponseWebhookSource } from "@/lib/delivery/response-webhook";
import { CallWindow } from "./call-window";
import type { SendEnv } from "./send-request";
import { pgExecutor, type SqlExecutor } from "./sql-executor";

// One delivery run of one destination: holds the destination's lock, keeps up to `concurrency`
// claims open, and ends when it has caught up with the Nexset, or drains (finishing calls in
// flight, starting none) when the destination is paused, errors, or the worker shuts down.

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
  const lease = await acquireLease(deps.locks, destinationId, lockWaitMs, deps.stopSignal);
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

async function acquireLease(
  locks: DestinationLocks,
  destinationId: string,
  waitMs: number,
  stop: AbortSignal,
): Promise<DestinationLease | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lease = await locks.tryLock(destinationId);
    if (lease || Date.now() >= deadline || stop.aborted) return lease;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

class DestinationRun {
  private readonly drain = new AbortController();
  private readonly permits: CallWindow;
  private readonly sql: SqlExecutor;
  private readonly running = new Map<bigint, Promise<void>>();
  private pending: OpenClaim[] = [];
  /** Bytes of the byte pool this run's claims hold (at most runByteCap). */
  private heldBytes = 0;
  private credential: LoadedCredential | undefined;
  private responseNexsetId: string | null = null;
  private jobSpec: JobSpec | undefined;
  private ledger!: ClaimLedger;
  private journal!: DeliveryJournal;
  private readonly streak: FailureStreak;
  private nextRefresh = 0;
  private wakeUp: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private stopReason: string | undefined;
  /** Marking the connection "needs reconnecting" after a 401; awaited before the run ends. */
  private reconnectMark: Promise<void> | undefined;

  constructor(
    private readonly deps: RunDeps,
    private readonly lease: DestinationLease,
    private snapshot: DestinationSnapshot,
    private readonly fence: number,
  ) {
    setMaxListeners(0, this.drain.signal);
    this.permits = new CallWindow(callSlots(deps.settings, snapshot.config ? recordsPerCall(snapshot.config) : 1));
    this.sql = pgExecutor(deps.pool);
    this.streak = new FailureStreak(snapshot.failureStreak, deps.settings.failureStreakLimit, this.drain);
  }

  async run(): Promise<RunResult> {
    const log = this.deps.log.child({ destinationId: this.snapshot.id });
    if (!(await this.prepare())) return "drained";
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
    }
    this.journal = new DeliveryJournal({
      db: this.deps.db,
      pool: this.deps.pool,
      destinationId: this.snapshot.id,
      ledger: this.ledger,
      streak: this.streak,
      fence: this.fence,
      responseNexsetId: () => this.responseNexsetId,
      onError: (error) =>
        error instanceof LostFenceError
          ? this.stopNow("another run took the destination over")
          : log.warn({ err: error.message }, "could not record delivery progress; retrying"),
    });
    if (this.pending.length > 0)
      log.info({ claims: this.pending.length }, "resending claims left in flight by an earlier run");
    const onStop = () => this.wake();
    this.deps.stopSignal.addEventListener("abort", onStop);
    try {
      await this.loop();
    } finally {
      this.deps.stopSignal.removeEventListener("abort", onStop);
      clearTimeout(this.sleepTimer);
      this.drain.abort();
      await Promise.allSettled(this.running.values());
      await this.journal.drain();
      await this.reconnectMark;
    }
    if (this.stopReason) log.info({ reason: this.stopReason, cursor: this.ledger.cursor }, "delivery run drained");
    return this.stopReason ? "drained" : "caught_up";
  }

  private async loop(): Promise<void> {
    const { settings } = this.deps;
    for (;;) {
      if (Date.now() >= this.nextRefresh) await this.refresh();
      this.stopReason ??= this.reasonToStop();
      if (this.stopReason) return;
      while (
        this.running.size < settings.maxOpenClaims &&
        this.pending.length > 0 &&
        this.reserveBytes(this.pending[0]!.bytes ?? 0)
      )
        this.start(this.pending.shift()!);
      const wanted = this.claimsWanted();
      if (wanted > 0) {
        try {
          await this.claimMore(wanted);
        } catch (error) {
          // The database is briefly unreachable: nothing was claimed, so nothing is lost; look again shortly.
          this.deps.log.warn(
            { destinationId: this.snapshot.id, err: (error as Error).message },
            "could not claim records; retrying",
          );
          await this.sleep(1_000);
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
      await this.sleep(settings.refreshIntervalMs);
    }
  }

  private reasonToStop(): string | undefined {
    if (this.deps.stopSignal.aborted) return "worker shutting down";
    if (!this.lease.valid()) return "lost the destination lock";
    if (this.snapshot.status !== "active") return `destination is ${this.snapshot.status}`;
    if (this.streak.reached) return "failure streak reached";
    if (this.journal.fencedOut) return "another run took the destination over";
    return undefined;
  }

  /**
   * Claims to open now: enough that calls keep waiting for a free slot (about two rounds of
   * `concurrency`), never more than maxOpenClaims open. A claim whose calls wait for a retry
   * doesn't hold the others back: only calls waiting for a slot count.
   */
  private claimsWanted(): number {
    const { settings } = this.deps;
    const open = settings.maxOpenClaims - this.running.size;
    const config = this.snapshot.config;
    if (open <= 0 || !config || this.permits.waiting >= this.permits.size) return 0;
    return Math.min(open, Math.ceil((2 * this.permits.size) / callsPerClaim(config)));
  }

  /**
   * Claims the next records, by size: the bytes they will hold are reserved from the process's pool
   * first (a claim's own records count, whether they come with it or load when its turn comes), and
   * nothing is claimed while too few bytes are free. start() gives them back when the claim ends.
   */
  private async claimMore(count: number): Promise<void> {
    const config = this.snapshot.config;
    if (!config) return;
    const { maxRecordBytes } = this.deps.settings;
    const cap = runByteCap(this.deps.settings);
    const room = Math.min(cap - this.heldBytes, this.deps.bytePool.available);
    if (room < maxRecordBytes) return;
    const window = this.ledger.nextRanges(count, recordsPerClaim(config), this.snapshot.recordCount);
    if (window.length === 0) return;
    const from = window[0]!.firstSeq;
    const through = window.at(-1)!.lastSeq;
    const ranges = cutClaims({
      from,
      through,
      recordsPerClaim: recordsPerClaim(config),
      maxClaims: count,
      claimBytes: Math.floor(cap / 2),
      room,
      sizes: await recordSizes(this.sql, this.snapshot.nexsetId, from, through),
      limits: this.deps.settings,
    });
    const total = ranges.reduce((sum, range) => sum + range.bytes, 0);
    if (!this.reserveBytes(total)) return;
    // Batches load their records when their turn to send comes (claim-task.ts); single records come
    // with their claims. Either way their bytes are reserved above.
    const single = recordsPerCall(config) === 1;
    let claimed: OpenClaim[];
    try {
      claimed = await insertClaims(
        this.sql,
        this.snapshot.id,
        ranges,
        this.snapshot.configVersion,
        single ? { nexsetId: this.snapshot.nexsetId, maxRecordBytes } : undefined,
      );
    } catch (error) {
      this.releaseBytes(total);
      throw error;
    }
    this.ledger.markClaimed(ranges);
    const bytesOf = new Map(ranges.map((range) => [range.firstSeq, range.bytes]));
    let started = 0;
    for (const claim of claimed) {
      claim.bytes = bytesOf.get(claim.firstSeq) ?? 0;
      started += claim.bytes;
      this.start(claim);
    }
    // Ranges another runner claimed first hold nothing here.
    this.releaseBytes(total - started);
  }

  /** Takes `bytes` from the pool for this run, unless the run's share or the pool is used up (a run holding nothing may always take one claim's worth). */
  private reserveBytes(bytes: number): boolean {
    const cap = runByteCap(this.deps.settings);
    if (this.heldBytes > 0 && this.heldBytes + bytes > cap) return false;
    if (!this.deps.bytePool.tryTake(bytes)) return false;
    this.heldBytes += bytes;
    return true;
  }

  private releaseBytes(bytes: number): void {
    this.heldBytes -= bytes;
    this.deps.bytePool.release(bytes);
  }

  /** Runs a claim whose bytes are reserved (claimMore, or the pending loop); gives them back when it ends. */
  private start(claim: OpenClaim): void {
    const task = runClaim(claim, this.claimEnv())
      .then(async (end) => {
        // An abandoned claim stays in_flight in PostgreSQL; the next run sends it again.
        if (end === "abandoned" && !this.drain.signal.aborted) this.pending.push({ ...claim, records: undefined });
        // The settings can't build any request: stop the run and tell the user.
        if (typeof end === "object") await this.failRun(end.configError);
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
        this.releaseBytes(claim.bytes ?? 0);
        this.running.delete(claim.id);
        this.wake();
      });
    this.running.set(claim.id, task);
  }

  private claimEnv(): ClaimTaskEnv {
    const credential = this.credential!;
    const send: SendEnv = {
      redis: this.deps.redis,
      budget: this.deps.budgetFor(credential.id, this.snapshot.rateLimitPer10s),
      credentialId: credential.id,
      destinationId: this.snapshot.id,
      baseUrl: credential.baseUrl,
      token: credential.token,
      version: this.snapshot.config!.intercomVersion,
      limitPer10s: this.snapshot.rateLimitPer10s,
      settings: this.deps.settings,
      permits: this.permits,
      waitSignal: this.drain.signal,
      hardSignal: this.deps.hardSignal,
    };
    return {
      sql: this.sql,
      journal: this.journal,
      streak: this.streak,
      runCode: this.deps.runCode,
      maxRecordBytes: this.deps.settings.maxRecordBytes,
      destination: {
        id: this.snapshot.id,
        organisationId: this.snapshot.organisationId,
        nexsetId: this.snapshot.nexsetId,
      },
      current: () => ({
        config: this.snapshot.config!,
        configVersion: this.snapshot.configVersion,
        responseWebhook: this.snapshot.config!.responseWebhook.enabled,
        jobSpec: this.jobSpec,
      }),
      send,
      onCallEnded: () => this.wake(),
      onCredentialRejected: (reason) => this.pauseForReconnect(credential.id, reason),
    };
  }

  /** A 401: no new calls; the connection needs reconnecting and its active destinations pause (claims stay in flight). */
  private pauseForReconnect(credentialId: string, reason: string): void {
    if (this.stopReason) return;
    this.stopNow("the connection needs reconnecting");
    this.reconnectMark = markNeedsReconnect(this.deps.db, credentialId, reason).catch((error: Error) =>
      this.deps.log.warn({ destinationId: this.snapshot.id, err: error.message }, "could not mark needs reconnecting"),
    );
  }

  /** Loads what the config and credential need; false (and the destination set to error) when impossible. */
  private async prepare(): Promise<boolean> {
    const snapshot = this.snapshot;
    if (!snapshot.config)
      return this.failRun(`The destination's settings are invalid: ${snapshot.configProblem ?? "unknown problem"}`);
    if (this.credential?.id !== snapshot.credentialId) {
      try {
        this.credential = await loadCredentialToken(this.deps.db, snapshot.organisationId, snapshot.credentialId);
      } catch (error) {
        return this.failRun(`The credential can't be used: ${(error as Error).message}`);
      }
    }
    this.responseNexsetId = snapshot.config.responseWebhook.enabled
      ? (await ensureResponseWebhookSource(this.deps.db, snapshot)).nexsetId
      : null;
    this.jobSpec = jobSpecFor(snapshot.config.method, snapshot.config.urlTemplate, snapshot.config.intercomVersion);
    return true;
  }

  private async refresh(): Promise<void> {
    this.nextRefresh = Date.now() + this.deps.settings.refreshIntervalMs;
    try {
      const fresh = await loadDestinationSnapshot(this.deps.db, this.snapshot.id);
      if (!fresh) {
        this.snapshot = { ...this.snapshot, status: "deleted" };
        return;
      }
      const changed =
        fresh.configVersion !== this.snapshot.configVersion || fresh.credentialId !== this.snapshot.credentialId;
      // Settings that no longer parse stop the run (prepare says why); calls in flight keep the last good ones.
      this.snapshot = fresh.config ? fresh : { ...fresh, config: this.snapshot.config };
      if (!fresh.config) {
        await this.failRun(`The destination's settings are invalid: ${fresh.configProblem ?? "unknown problem"}`);
        return;
      }
      if (changed) await this.prepare();
    } catch (error) {
      // The database is briefly unreachable: carry on with what we know and look again shortly.
      this.deps.log.warn(
        { destinationId: this.snapshot.id, err: (error as Error).message },
        "could not refresh destination",
      );
    }
  }

  /** No new calls from now on; calls in flight finish and are recorded. */
  private stopNow(reason: string): void {
    this.stopReason ??= reason;
    this.drain.abort();
    this.wake();
  }

  private async failRun(message: string): Promise<false> {
    this.stopNow(message);
    await this.deps.db.destination
      .updateMany({
        where: { id: this.snapshot.id, status: "active" },
        data: { status: "error", statusMessage: message.slice(0, 1000) },
      })
      .catch(() => undefined);
    return false;
  }

  /**
   * Until woken, or at most `ms`. A sleep cut short leaves its timer running for the next one: the
   * loop is woken as each call ends, and a timer set and cleared each time cost more than the loop.
   */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      this.sleepTimer ??= setTimeout(() => {
        this.sleepTimer = undefined;
        this.wake();
      }, ms);
    });
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}
