import { describe, expect, it } from "vitest";
import { DONE_MASK_BITS, isDone, maskOf, tracksRecords } from "./claim-store";

describe("a claim's done records", () => {
  const claim = { firstSeq: 101, lastSeq: 164 };

  it("are kept for claims of up to 64 records", () => {
    expect(DONE_MASK_BITS).toBe(64);
    expect(tracksRecords(claim)).toBe(true);
    expect(tracksRecords({ firstSeq: 101, lastSeq: 165 })).toBe(false);
  });

  it("mark exactly the seqs given, the last bit included", () => {
    const mask = maskOf(claim, [101, 103, 164]);
    expect(mask).toBe((1n << 0n) | (1n << 2n) | (1n << 63n));
    const done = { ...claim, doneMask: mask };
    expect([101, 102, 103, 163, 164].map((seq) => isDone(done, seq))).toEqual([true, false, true, false, true]);
    expect(isDone({ ...claim, doneMask: 0n }, 101)).toBe(false);
  });

  it("fit PostgreSQL's BIGINT (the top bit makes it negative there; OR still works bit for bit)", () => {
    const mask = maskOf(claim, [164]);
    expect(BigInt.asIntN(64, mask)).toBeLessThan(0n);
    expect(BigInt.asUintN(64, BigInt.asIntN(64, mask))).toBe(mask);
  });
});
