// The runner's view of its destination's claims. Claims cover consecutive seq ranges from the
// cursor on; the cursor moves over the longest prefix whose claims are finished (delivered or
// kept as error records), so a slow call never lets a later one push the cursor past it.

export interface ClaimRange {
  firstSeq: number;
  lastSeq: number;
}

export class ClaimLedger {
  private readonly finished = new Map<number, number>();

  constructor(
    public cursor: number,
    /** The last seq covered by any claim; new claims start after it. */
    public claimedThrough: number,
  ) {
    this.claimedThrough = Math.max(claimedThrough, cursor);
  }

  /** Ranges for up to `count` new claims of `size` records, up to `recordCount`. */
  nextRanges(count: number, size: number, recordCount: number): ClaimRange[] {
    const ranges: ClaimRange[] = [];
    let next = this.claimedThrough + 1;
    while (ranges.length < count && next <= recordCount) {
      const lastSeq = Math.min(next + size - 1, recordCount);
      ranges.push({ firstSeq: next, lastSeq });
      next = lastSeq + 1;
    }
    return ranges;
  }

  markClaimed(ranges: readonly ClaimRange[]): void {
    for (const range of ranges) this.claimedThrough = Math.max(this.claimedThrough, range.lastSeq);
  }

  /** The cursor these finished claims would give, without changing anything. */
  cursorWith(extra: readonly ClaimRange[]): number {
    const lookup = new Map(this.finished);
    for (const range of extra) lookup.set(range.firstSeq, range.lastSeq);
    let cursor = this.cursor;
    for (let last = lookup.get(cursor + 1); last !== undefined; last = lookup.get(cursor + 1)) cursor = last;
    return cursor;
  }

  /** Records claims as finished (after their transaction committed) and moves the cursor. */
  commitFinished(ranges: readonly ClaimRange[]): number {
    for (const range of ranges) this.finished.set(range.firstSeq, range.lastSeq);
    for (let last = this.finished.get(this.cursor + 1); last !== undefined; last = this.finished.get(this.cursor + 1)) {
      this.finished.delete(this.cursor + 1);
      this.cursor = last;
    }
    return this.cursor;
  }
}

/** [3,4,5,9] → 3–5 and 9: an error record covers only the records its request carried. */
export function contiguousRuns(seqs: readonly number[]): { firstSeq: number; lastSeq: number }[] {
  const sorted = [...seqs].sort((a, b) => a - b);
  const runs: { firstSeq: number; lastSeq: number }[] = [];
  for (const seq of sorted) {
    const last = runs.at(-1);
    if (last && seq === last.lastSeq + 1) last.lastSeq = seq;
    else runs.push({ firstSeq: seq, lastSeq: seq });
  }
  return runs;
}
