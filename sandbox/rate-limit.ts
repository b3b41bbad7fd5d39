// Intercom spreads an app's budget over 10-second windows aligned to the wall clock; the headers
// describe the current window and X-RateLimit-Reset is the unix second at which it ends.

export const WINDOW_MS = 10_000;
export const DEFAULT_RATE_LIMIT_PER_10S = 1666;

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAt: number;
}

export class WindowCounter {
  private windowStart = 0;
  private used = 0;

  consume(nowMs: number, limit: number): RateLimitVerdict {
    const windowStart = nowMs - (nowMs % WINDOW_MS);
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.used = 0;
    }
    const resetAt = (windowStart + WINDOW_MS) / 1000;
    if (this.used >= limit) return { allowed: false, limit, remaining: 0, resetAt };
    this.used++;
    return { allowed: true, limit, remaining: limit - this.used, resetAt };
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }
}

export function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, number> {
  return {
    "X-RateLimit-Limit": verdict.limit,
    "X-RateLimit-Remaining": verdict.remaining,
    "X-RateLimit-Reset": verdict.resetAt,
  };
}
