import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClaimLedger, contiguousRuns } from "./claim-ledger";

describe("ClaimLedger", () => {
  it("hands out consecutive ranges of the batch size, never past the last record", () => {
    const ledger = new ClaimLedger(10, 0);
    const ranges = ledger.nextRanges(3, 4, 19);
    expect(ranges).toEqual([
      { firstSeq: 11, lastSeq: 14 },
      { firstSeq: 15, lastSeq: 18 },
      { firstSeq: 19, lastSeq: 19 },
    ]);
    ledger.markClaimed(ranges);
    expect(ledger.nextRanges(3, 4, 19)).toEqual([]);
    expect(ledger.nextRanges(1, 4, 25)).toEqual([{ firstSeq: 20, lastSeq: 23 }]);
  });

  it("moves the cursor only over a finished prefix, whatever order claims finish in", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (size, count, seed) => {
          const ledger = new ClaimLedger(0, 0);
          const ranges = ledger.nextRanges(count, size, 1_000);
          ledger.markClaimed(ranges);
          const order = [...ranges].sort(
            (a, b) => ((a.firstSeq * 7919 + seed) % 101) - ((b.firstSeq * 7919 + seed) % 101),
          );
          const done = new Set<number>();
          for (const range of order) {
            const predicted = ledger.cursorWith([range]);
            const cursor = ledger.commitFinished([range]);
            done.add(range.firstSeq);
            expect(cursor).toBe(predicted);
            // Every claim at or below the cursor is finished; the next one is not.
            const prefix = ranges.filter((r) => r.lastSeq <= cursor);
            expect(prefix.every((r) => done.has(r.firstSeq))).toBe(true);
            const next = ranges.find((r) => r.firstSeq === cursor + 1);
            if (next) expect(done.has(next.firstSeq)).toBe(false);
          }
          expect(ledger.cursor).toBe(ranges.at(-1)!.lastSeq);
        },
      ),
    );
  });
});

describe("contiguousRuns", () => {
  it("splits seqs into ranges", () => {
    expect(contiguousRuns([9, 3, 4, 5, 11, 10])).toEqual([
      { firstSeq: 3, lastSeq: 5 },
      { firstSeq: 9, lastSeq: 11 },
    ]);
    expect(contiguousRuns([])).toEqual([]);
  });
});
