import type { ClaimRange } from "./claim-ledger";

// Claims chosen by the size of their records, not only their number: a record may be large, and a
// worker that loads 64 records of 8 MB at once runs out of memory, restarts, claims them again and
// runs out again, stopping every destination on it. So the worker process has one byte pool
// (maxBytesInFlight); a run takes at most a quarter of it, a claim at most half of that, and
// nothing is claimed until the bytes are reserved. Records over maxRecordBytes count nothing:
// they are never loaded (claim-task.ts makes them error records).

/** The process's bytes of records in flight, shared by every destination run. */
export class BytePool {
  private held = 0;

  constructor(readonly size: number) {}

  get available(): number {
    return Math.max(0, this.size - this.held);
  }

  /** Takes `bytes` if they fit (or if nobody holds anything: one oversized claim still moves). */
  tryTake(bytes: number): boolean {
    if (bytes > this.available && this.held > 0) return false;
    this.held += bytes;
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}

export interface SizingLimits {
  maxBytesInFlight: number;
  maxRecordBytes: number;
}

/** The most one destination's run holds: a quarter of the pool, and always room for two records. */
export function runByteCap(limits: SizingLimits): number {
  return Math.max(2 * limits.maxRecordBytes, Math.floor(limits.maxBytesInFlight / 4));
}

/** The bytes a record counts for: nothing when it is too large to be loaded. */
export function countedBytes(bytes: number, limits: Pick<SizingLimits, "maxRecordBytes">): number {
  return bytes > limits.maxRecordBytes ? 0 : bytes;
}

export interface SizedRange extends ClaimRange {
  bytes: number;
}

/**
 * Cuts the window [from, through] into claims of at most `recordsPerClaim` records and
 * `claimBytes` bytes each, stopping once `room` bytes are used (the first claim always gets one
 * record). The claims cover a prefix of the window with no gap, so the ledger can mark them claimed.
 * `sizes` maps a seq to its stored bytes; a missing seq (deleted record) counts nothing.
 */
export function cutClaims(input: {
  from: number;
  through: number;
  recordsPerClaim: number;
  maxClaims: number;
  claimBytes: number;
  room: number;
  sizes: ReadonlyMap<number, number>;
  limits: Pick<SizingLimits, "maxRecordBytes">;
}): SizedRange[] {
  const claims: SizedRange[] = [];
  let total = 0;
  let current: SizedRange | undefined;
  for (let seq = input.from; seq <= input.through; seq++) {
    const bytes = countedBytes(input.sizes.get(seq) ?? 0, input.limits);
    const first = claims.length === 0 && current === undefined;
    if (!first && total + bytes > input.room) break;
    const full =
      current !== undefined &&
      (current.lastSeq - current.firstSeq + 1 >= input.recordsPerClaim || current.bytes + bytes > input.claimBytes);
    if (current === undefined || full) {
      if (current) claims.push(current);
      if (claims.length >= input.maxClaims) return claims;
      current = { firstSeq: seq, lastSeq: seq, bytes: 0 };
    }
    current.lastSeq = seq;
    current.bytes += bytes;
    total += bytes;
  }
  if (current) claims.push(current);
  return claims;
}
