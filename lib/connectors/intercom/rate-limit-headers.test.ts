import { describe, expect, it } from "vitest";
import { parseRateLimitHeaders, parseRetryAfter } from "./rate-limit-headers";

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe("parseRateLimitHeaders", () => {
  it("reads Intercom's three headers, reset in epoch seconds → ms", () => {
    const reset = Math.floor(NOW / 1000) + 7;
    const info = parseRateLimitHeaders(
      { "X-RateLimit-Limit": "1666", "X-RateLimit-Remaining": "1200", "X-RateLimit-Reset": String(reset) },
      NOW,
    );
    expect(info).toEqual({ limit: 1666, remaining: 1200, resetAt: reset * 1000 });
  });

  it("is case-insensitive and takes the first of repeated values", () => {
    const info = parseRateLimitHeaders(
      { "x-ratelimit-limit": ["100", "200"], "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1735732810" },
      NOW,
    );
    expect(info?.limit).toBe(100);
    expect(info?.remaining).toBe(0);
  });

  it("accepts a reset already in milliseconds and a small delta in seconds", () => {
    const ms = parseRateLimitHeaders(
      { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "1", "x-ratelimit-reset": String(NOW + 5000) },
      NOW,
    );
    expect(ms?.resetAt).toBe(NOW + 5000);
    const delta = parseRateLimitHeaders(
      { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "3" },
      NOW,
    );
    expect(delta?.resetAt).toBe(NOW + 3000);
  });

  it("clamps a negative remaining to zero", () => {
    expect(
      parseRateLimitHeaders(
        { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "-2", "x-ratelimit-reset": "1735732810" },
        NOW,
      )?.remaining,
    ).toBe(0);
  });

  it.each([
    [{}],
    [{ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "5" }],
    [{ "x-ratelimit-limit": "ten", "x-ratelimit-remaining": "5", "x-ratelimit-reset": "1735732810" }],
    [{ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "", "x-ratelimit-reset": "1735732810" }],
  ])("returns undefined when a header is missing or not a number: %j", (headers) => {
    expect(parseRateLimitHeaders(headers, NOW)).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter({ "retry-after": "2" }, NOW)).toBe(2000);
    expect(parseRetryAfter({ "Retry-After": new Date(NOW + 4000).toUTCString() }, NOW)).toBe(4000);
    expect(parseRetryAfter({ "retry-after": "soon" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
  });
});
