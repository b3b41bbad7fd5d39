import { describe, expect, it } from "vitest";
import { claimsWanted, RECORDS_PER_OPENING } from "./claim-opener";
import { DONE_MASK_BITS } from "./claim-store";

const singleRecordCalls = { callsPerClaim: DONE_MASK_BITS, recordsPerClaim: DONE_MASK_BITS };

describe("claimsWanted", () => {
  it("opens claims of single-record calls RECORDS_PER_OPENING records at a time, not one claim per opening", () => {
    const wanted = claimsWanted({ open: 64, waiting: 0, windowSize: 16, ...singleRecordCalls });
    expect(wanted * DONE_MASK_BITS).toBe(RECORDS_PER_OPENING);
    expect(wanted).toBeGreaterThan(1);
  });

  it("opens enough for two rounds of a wide window", () => {
    // At 2 s answers the window holds hundreds of calls.
    expect(claimsWanted({ open: 64, waiting: 0, windowSize: 333, ...singleRecordCalls })).toBe(
      Math.ceil((2 * 333) / DONE_MASK_BITS),
    );
    // A batch is a claim of its own: two rounds of 16 calls are 32 claims.
    expect(claimsWanted({ open: 64, waiting: 0, windowSize: 16, callsPerClaim: 1, recordsPerClaim: 50 })).toBe(32);
    // Large batches: the statements' records still count.
    expect(claimsWanted({ open: 64, waiting: 0, windowSize: 1, callsPerClaim: 1, recordsPerClaim: 100 })).toBe(3);
  });

  it("opens nothing while as many calls wait as the window holds, and never past the claims the run may open", () => {
    expect(claimsWanted({ open: 64, waiting: 16, windowSize: 16, ...singleRecordCalls })).toBe(0);
    expect(claimsWanted({ open: 0, waiting: 0, windowSize: 16, ...singleRecordCalls })).toBe(0);
    expect(claimsWanted({ open: 2, waiting: 0, windowSize: 16, ...singleRecordCalls })).toBe(2);
  });
});
