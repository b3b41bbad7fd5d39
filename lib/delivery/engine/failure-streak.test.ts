import { describe, expect, it } from "vitest";
import { FailureStreak } from "./failure-streak";

describe("FailureStreak", () => {
  it("stops the run's calls the moment the limit is reached; successes end a streak, 429s leave it", () => {
    const drain = new AbortController();
    const streak = new FailureStreak(1, 3, drain);
    streak.count("failure", "HTTP 404");
    streak.count("neutral", "HTTP 429");
    expect(streak.value).toBe(2);
    streak.count("success", "");
    expect(streak.value).toBe(0);
    for (const status of [500, 502]) streak.count("failure", `HTTP ${status}`);
    expect(drain.signal.aborted).toBe(false);
    streak.count("failure", "HTTP 503");
    expect(streak).toMatchObject({ reached: true, value: 3, lastFailure: "HTTP 503" });
    expect(drain.signal.aborted).toBe(true);
  });

  it("stops the run's calls at the first 401, keeping why, without lengthening the streak", () => {
    const drain = new AbortController();
    const streak = new FailureStreak(2, 3, drain);
    streak.count("credential_rejected", "Intercom answered 401: token revoked");
    expect(drain.signal.aborted).toBe(true);
    expect(streak).toMatchObject({
      value: 2,
      reached: false,
      credentialRejected: "Intercom answered 401: token revoked",
    });
  });
});
