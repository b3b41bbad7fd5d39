import type { Redis } from "ioredis";
import { FairWaitQueue } from "@/lib/async/fair-wait-queue";
import { acquireBudget, correctBudget, type RateLimitReport, releaseBudget } from "./credential-budget";

const MAX_BATCH = 256;
const MIN_WAIT_MS = 5;
// Another process may move the window (a correction from Intercom's headers): look again at
// least this often rather than sleeping through a window that started early.
const MAX_WAIT_MS = 1_000;
// Intercom's headers are folded into the shared budget at once when they matter (little left, a
// new window, a lower limit), otherwise at most this often: one Redis call per API call is waste.
const REPORT_EVERY_MS = 200;
// Calls taken from Redis ahead of need (at most a 100th of the limit), so a steady stream of single
// calls costs one Redis round trip per handful rather than one each: a round trip costs far more
// CPU than the call it grants. Counted in the shared budget like any other; what is unused when the
// window ends is simply not spent (bounded by this per process).
const MAX_RESERVE = 256;

/**
 * Hands out calls from one credential's shared budget to the calls of this process. Waiters are
 * served in turn by destination (oldest first within one), and many are granted with one Redis
 * round trip, so the budget costs little when it is plentiful and is shared fairly when it is not.
 */
export class BudgetDispenser {
  private readonly waiters = new FairWaitQueue("Aborted while waiting for the rate limit");
  private pumping = false;
  private closed = false;
  private wakeUp: (() => void) | undefined;
  private pendingReport: RateLimitReport | undefined;
  private reportTimer: NodeJS.Timeout | undefined;
  private reporting = false;
  private urgentReport = false;
  private lastReportedReset = 0;
  private reserve = 0;
  private reserveUntil = 0;
  private reserveWindow = 0;
  private lastCap = Number.POSITIVE_INFINITY;

  constructor(
    private readonly redis: Redis,
    private readonly credentialId: string,
    private limitPer10s: number,
  ) {}

  setLimit(limitPer10s: number): void {
    this.limitPer10s = limitPer10s;
  }

  /** Calls a second the budget allows now (the configured limit, or less when Intercom's headers said so). */
  get ratePerSecond(): number {
    return Math.min(this.limitPer10s, this.lastCap) / 10;
  }

  /**
   * Resolves when one call may be made; rejects when the signal aborts or the dispenser closes.
   * `key` (the destination) is who waits: keys take turns when the budget runs short.
   */
  take(signal?: AbortSignal, key = ""): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The rate-limit dispenser is closed"));
    if (signal?.aborted) return Promise.reject(new Error("Aborted while waiting for the rate limit"));
    // The common case when the budget is plentiful: a call from the reserve, nobody queued ahead.
    if (this.waiters.length === 0 && this.reserve > 0 && Date.now() < this.reserveUntil) {
      this.reserve--;
      return Promise.resolve();
    }
    const granted = this.waiters.wait(key, signal);
    void this.pump();
    return granted;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** An answer's X-RateLimit-* headers: corrects the shared budget (coalesced; never throws). */
  report(report: RateLimitReport): void {
    const pending = this.pendingReport;
    // Keep the most telling report: a later window, or the same window with less remaining.
    if (
      !pending ||
      report.resetAt > pending.resetAt ||
      (report.resetAt === pending.resetAt && report.remaining < pending.remaining)
    ) {
      this.pendingReport = report;
    }
    const low = report.remaining <= Math.max(20, report.limit / 10);
    // Little left at Intercom: calls held in reserve could overshoot it, so hand them back.
    if (low) this.giveBackReserve();
    const urgent = low || report.limit < this.limitPer10s || report.resetAt !== this.lastReportedReset;
    if (urgent) {
      this.urgentReport = true;
      void this.flushReport();
    } else this.scheduleReport();
  }

  private scheduleReport(): void {
    this.reportTimer ??= setTimeout(() => {
      this.reportTimer = undefined;
      void this.flushReport();
    }, REPORT_EVERY_MS);
  }

  /** Folds the pending report into Redis. Reports arriving meanwhile wait for the timer, unless urgent. */
  private async flushReport(): Promise<void> {
    if (this.reporting || this.closed) return;
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    const report = this.pendingReport;
    if (!report) return;
    this.pendingReport = undefined;
    this.urgentReport = false;
    this.lastReportedReset = report.resetAt;
    this.reporting = true;
    try {
      await correctBudget(this.redis, this.credentialId, report, this.limitPer10s).catch(() => undefined);
      this.nudge();
    } finally {
      this.reporting = false;
    }
    // Not a loop: under a steady stream of answers it would correct once per round trip, not per REPORT_EVERY_MS.
    if (this.urgentReport) void this.flushReport();
    else if (this.pendingReport) this.scheduleReport();
  }

  /** Intercom said stop (a 429): calls held in reserve must not be made in this window. */
  dropReserve(): void {
    this.giveBackReserve();
  }

  private giveBackReserve(): void {
    if (this.reserve === 0) return;
    const n = this.reserve;
    this.reserve = 0;
    void releaseBudget(this.redis, this.credentialId, n, this.reserveWindow).catch(() => undefined);
  }

  /** The window may have moved (this process corrected it): stop waiting and ask Redis again. */
  nudge(): void {
    this.wakeUp?.();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reportTimer);
    this.nudge();
    this.waiters.rejectAll(new Error("The rate-limit dispenser is closed"));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0 && !this.closed) {
        if (this.reserve > 0 && Date.now() < this.reserveUntil) {
          this.reserve -= this.waiters.serve(this.reserve);
          continue;
        }
        // Calls left from a grant no longer usable (its window's edge has come): back to Redis.
        this.giveBackReserve();
        const asked = Math.min(this.waiters.length, MAX_BATCH);
        const ahead = Math.min(MAX_RESERVE, Math.floor(Math.min(this.limitPer10s, this.lastCap) / 100));
        let grant;
        try {
          grant = await acquireBudget(this.redis, this.credentialId, asked + ahead, this.limitPer10s);
        } catch {
          // Redis unreachable: nothing is granted, so nothing exceeds the budget; try again shortly.
          await this.sleep(250);
          continue;
        }
        // Waiters that aborted meanwhile have left the queue; what they would have had joins the reserve.
        this.reserve = grant.granted - this.waiters.serve(grant.granted);
        this.reserveUntil = grant.usableUntil;
        this.reserveWindow = grant.windowEndsAt;
        this.lastCap = grant.cap;
        if (grant.granted < asked) await this.sleep(Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, grant.waitMs)));
      }
    } finally {
      this.pumping = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
