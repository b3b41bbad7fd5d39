import { describe, expect, it } from "vitest";
import { computeBackoffMs } from "./backoff";

describe("computeBackoffMs", () => {
  it("doubles per attempt between half and the whole step, capped at the maximum", () => {
    const low = () => 0;
    const high = () => 0.999_999;
    expect([1, 2, 3, 4].map((a) => computeBackoffMs(a, 1_000, 60_000, low))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((a) => computeBackoffMs(a, 1_000, 60_000, high))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(computeBackoffMs(20, 1_000, 60_000, high)).toBe(60_000);
    expect(computeBackoffMs(200, 1_000, 60_000, low)).toBe(30_000);
  });

  it("spreads retries of the same attempt (jitter)", () => {
    const waits = new Set(Array.from({ length: 50 }, () => computeBackoffMs(5, 1_000, 60_000)));
    expect(waits.size).toBeGreaterThan(20);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(8_000);
      expect(wait).toBeLessThanOrEqual(16_000);
    }
  });
});
