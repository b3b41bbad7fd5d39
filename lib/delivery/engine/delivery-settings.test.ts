import { describe, expect, it } from "vitest";
import { defaultRateLimitPer10s, INTERCOM_DEFAULT_PER_10S } from "@/lib/rate-limit/rate-limit-settings";
import { callSlots, loadDeliverySettings } from "./delivery-settings";

describe("delivery settings", () => {
  it("reads the environment, and overrides win", () => {
    const settings = loadDeliverySettings(
      { maxAttempts: 3 },
      { FLOWGATE_DELIVERY_CONCURRENCY: "4", FLOWGATE_DELIVERY_MAX_ATTEMPTS: "9" },
    );
    expect(settings).toMatchObject({ concurrency: 4, maxAttempts: 3, failureStreakLimit: 50 });
  });

  it("names the variable that is wrong", () => {
    expect(() => loadDeliverySettings({}, { FLOWGATE_DELIVERY_CONCURRENCY: "lots" })).toThrow(
      /FLOWGATE_DELIVERY_CONCURRENCY/,
    );
    expect(() => loadDeliverySettings({}, { FLOWGATE_DELIVERY_FAILURE_STREAK: "0" })).toThrow(
      /FLOWGATE_DELIVERY_FAILURE_STREAK/,
    );
  });

  it("defaults the rate limit to Intercom's documented 10,000 per minute, in 10-second windows", () => {
    expect(INTERCOM_DEFAULT_PER_10S).toBe(1_666);
    expect(defaultRateLimitPer10s({})).toBe(1_666);
    expect(defaultRateLimitPer10s({ FLOWGATE_RATE_LIMIT_PER_10S: "500" })).toBe(500);
    expect(() => defaultRateLimitPer10s({ FLOWGATE_RATE_LIMIT_PER_10S: "-1" })).toThrow(/FLOWGATE_RATE_LIMIT_PER_10S/);
  });

  it("runs fewer calls at once when batches are large, so a run holds at most maxRecordsInFlight records", () => {
    const settings = loadDeliverySettings({}, {});
    expect(settings.maxRecordsInFlight).toBe(20_000);
    // The ceiling on calls in flight (under which they adapt to the answer time) was 16 before issue 17.
    expect(callSlots(settings, 1)).toBe(settings.concurrency);
    expect(callSlots({ ...settings, concurrency: 16 }, 1_000)).toBe(16);
    expect(callSlots(settings, 1_000)).toBe(20);
    expect(callSlots(settings, 5_000)).toBe(4);
    expect(callSlots(settings, 10_000)).toBe(2);
    expect(callSlots({ concurrency: 16, maxRecordsInFlight: 100 }, 10_000)).toBe(1);
  });
});
