// Intercom answers every authenticated call with X-RateLimit-Limit (requests per window),
// X-RateLimit-Remaining and X-RateLimit-Reset (Unix seconds when the window resets).

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** When the current window resets, in ms since the epoch. */
  resetAt: number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  // Node and undici give header names in lower case: look there first, then in any spelling.
  const direct = headers[wanted];
  if (direct !== undefined) return Array.isArray(direct) ? direct[0] : direct;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** All three headers, or undefined when any is missing or not a number. */
export function parseRateLimitHeaders(headers: HeaderBag, now: number = Date.now()): RateLimitInfo | undefined {
  const limit = parseNumber(headerValue(headers, "x-ratelimit-limit"));
  const remaining = parseNumber(headerValue(headers, "x-ratelimit-remaining"));
  const reset = parseNumber(headerValue(headers, "x-ratelimit-reset"));
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining: Math.max(0, remaining), resetAt: toEpochMs(reset, now) };
}

/** `Retry-After` as milliseconds from now: delta seconds or an HTTP date. */
export function parseRetryAfter(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const raw = headerValue(headers, "retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseNumber(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return undefined;
  return Number(raw);
}

// Intercom sends epoch seconds; tolerate epoch milliseconds and small "seconds from now" deltas.
function toEpochMs(reset: number, now: number): number {
  if (reset > 1e12) return Math.round(reset);
  if (reset < 1e9) return now + Math.round(reset * 1000);
  return Math.round(reset * 1000);
}
