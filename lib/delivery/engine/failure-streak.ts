import type { AttemptEffect } from "./call-once";

// What the run's calls say about whether its calls may go on; the run owns the one instance, the
// claims count every call in it, the journal reads it. Consecutive failed calls: a destination
// that keeps failing (a broken endpoint) is set to error rather than failing forever. When the
// streak reaches its limit, the run stops starting calls at once (its drain is aborted) and the
// journal commits the error status with the last failure. A 401 stops the run's calls at once too:
// the token was revoked, so no call can succeed; the run then marks the connection as needing
// reconnecting (destination-run.ts).

export class FailureStreak {
  private current: number;
  lastFailure: string | undefined;
  /** Why Intercom refused the token (a 401), once it did. */
  credentialRejected: string | undefined;

  constructor(
    start: number,
    readonly limit: number,
    /** The run's drain: aborted when the limit is reached or the token is refused, so no new call starts. */
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
    if (effect === "credential_rejected") {
      this.credentialRejected ??= failure;
      this.stopCalls.abort();
    }
    if (effect !== "failure") return;
    this.current++;
    this.lastFailure = failure;
    if (this.current === this.limit) this.stopCalls.abort();
  }
}
