// A fixed-window counter kept in this process's memory. Good enough for one web process; a
// multi-instance deployment should move it to Redis or the database (see the report/README).

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window that refused the attempt resets (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  consume(key: string, now?: number): RateLimitResult;
  reset(key: string): void;
}

interface Window {
  startedAt: number;
  count: number;
}

export function createRateLimiter({
  limit,
  windowMs,
  maxKeys = 50_000,
}: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const windows = new Map<string, Window>();

  function evictExpired(now: number): void {
    for (const [key, window] of windows) if (now - window.startedAt >= windowMs) windows.delete(key);
  }

  return {
    consume(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.startedAt >= windowMs) {
        // Bound memory under a flood of distinct keys: drop expired windows first, then the oldest.
        if (windows.size >= maxKeys) evictExpired(now);
        if (windows.size >= maxKeys) {
          const oldest = windows.keys().next().value;
          if (oldest !== undefined) windows.delete(oldest);
        }
        window = { startedAt: now, count: 0 };
        windows.delete(key);
        windows.set(key, window);
      }
      if (window.count >= limit) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)),
        };
      }
      window.count += 1;
      return { allowed: true, retryAfterSeconds: 0 };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

/**
 * The caller's address as the reverse proxy in front of us reports it. Without a proxy header every
 * caller shares the bucket "unknown", which still bounds guessing against one email address.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
