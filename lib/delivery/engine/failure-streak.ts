import type { AttemptEffect } from "./call-once";

// Consecutive failed calls of one destination's run. A destination that keeps failing (a revoked
// token, a broken endpoint) is set to error rather than failing forever: when the streak reaches
// its limit, the run stops starting calls at once (its drain is aborted) and the journal commits
// the error status with the last failure. The run owns the one instance; the journal only reads it.

export class FailureStreak {
  private current: number;
  lastFailure: string | undefined;

  constructor(
    start: number,
    readonly limit: number,
    /** The run's drain: aborted when the limit is reached, so no new call starts. */
    private readonly stopCalls: AbortController,
  ) {
    this.current = start;
  }

  get value(): number {
    return this.current;
  }

  get reached(): boolean {
    return this.current >= this.limit;
  }

  /** One call's effect: a success ends the streak, a failure lengthens it, a neutral call leaves it. */
  count(effect: AttemptEffect, failure: string): void {
    if (effect === "success") this.current = 0;
    if (effect !== "failure") return;
    this.current++;
    this.lastFailure = failure;
    if (this.current === this.limit) this.stopCalls.abort();
  }
}
