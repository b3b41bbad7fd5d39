import { describe, expect, it } from "vitest";
import { clientIp, createRateLimiter } from "./rate-limit";

describe("createRateLimiter", () => {
  it("allows `limit` attempts per window, then refuses with the seconds left", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.consume("a", t0).allowed)).toEqual([true, true, true]);
    expect(limiter.consume("a", t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.consume("b", t0).allowed).toBe(true);
  });

  it("opens a new window once the old one has passed", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000 });
    expect(limiter.consume("a", 0).allowed).toBe(true);
    expect(limiter.consume("a", 999).allowed).toBe(false);
    expect(limiter.consume("a", 1_000).allowed).toBe(true);
  });

  it("forgets a key on reset", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    limiter.consume("a", 0);
    limiter.reset("a");
    expect(limiter.consume("a", 1).allowed).toBe(true);
  });

  it("keeps at most maxKeys windows", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.consume("a", 0);
    limiter.consume("b", 1);
    limiter.consume("c", 2); // evicts "a", the oldest
    expect(limiter.consume("a", 3).allowed).toBe(true);
    expect(limiter.consume("c", 4).allowed).toBe(false);
  });
});

describe("clientIp", () => {
  it("takes the first x-forwarded-for address, then x-real-ip, else unknown", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
