import type { SqlExecutor } from "@/lib/db/sql-executor";
import type { CallWindow } from "./call-window";
import type { ClaimLedger } from "./claim-ledger";
import { type BytePool, cutClaims, runByteCap } from "./claim-sizing";
import { insertClaims, recordSizes } from "./claim-store";
import type { OpenClaim } from "./claim-task";
import type { DeliverySettings } from "./delivery-settings";
import { callsPerClaim, type DestinationSnapshot, recordsPerCall, recordsPerClaim } from "./destination-snapshot";

// How much a run claims, and the bytes its claims hold. A run opens claims so that calls keep
// waiting for a free slot, and only within the bytes of records in flight the process allows
// (claim-sizing.ts): a claim's bytes are reserved before it is claimed and given back when it ends.

/**
 * Records an opening claims at least, when the run may open that many claims: each opening is two
 * statements (the records' sizes, then the claims with their records), and PostgreSQL's cost of a
 * statement is mostly per statement, not per row (bench/delivery.ts overhead). What is claimed and
 * not yet sent is not sent again after a crash (only what was in flight is), and its bytes are
 * reserved like any claim's, so a larger opening costs no duplicates and stays within the memory bound.
 */
export const RECORDS_PER_OPENING = 256;

/**
 * Claims to open now: enough that calls keep waiting for a free slot (about two rounds of the
 * window) and that the opening's statements carry RECORDS_PER_OPENING records, never more than
 * `open` (the claims the run may still open). A claim whose calls wait for a retry doesn't hold the
 * others back: only calls waiting for a slot count.
 */
export function claimsWanted(run: {
  open: number;
  waiting: number;
  windowSize: number;
  callsPerClaim: number;
  recordsPerClaim: number;
}): number {
  if (run.open <= 0 || run.waiting >= run.windowSize) return 0;
  const forWindow = Math.ceil((2 * run.windowSize) / run.callsPerClaim);
  const forStatements = Math.ceil(RECORDS_PER_OPENING / run.recordsPerClaim);
  return Math.min(run.open, Math.max(forWindow, forStatements));
}

export class ClaimOpener {
  /** Bytes of the byte pool this run's claims hold (at most runByteCap). */
  private heldBytes = 0;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly settings: DeliverySettings,
    /** The process's bytes of records in flight, shared by every run. */
    private readonly bytePool: BytePool,
  ) {}

  /** Claims to open now (claimsWanted). */
  wanted(running: number, permits: CallWindow, snapshot: DestinationSnapshot): number {
    const config = snapshot.config;
    if (!config) return 0;
    return claimsWanted({
      open: this.settings.maxOpenClaims - running,
      waiting: permits.waiting,
      windowSize: permits.size,
      callsPerClaim: callsPerClaim(config),
      recordsPerClaim: recordsPerClaim(config),
    });
  }

  /**
   * Claims the next records, by size, and returns the claims to start, their bytes reserved:
   * the bytes they will hold are reserved from the process's pool first (a claim's own records
   * count, whether they come with it or load when its turn comes), and nothing is claimed while
   * too few bytes are free.
   */
  async open(count: number, snapshot: DestinationSnapshot, ledger: ClaimLedger): Promise<OpenClaim[]> {
    const config = snapshot.config;
    if (!config) return [];
    const { maxRecordBytes } = this.settings;
    const cap = runByteCap(this.settings);
    const room = Math.min(cap - this.heldBytes, this.bytePool.available);
    if (room < maxRecordBytes) return [];
    const window = ledger.nextRanges(count, recordsPerClaim(config), snapshot.recordCount);
    if (window.length === 0) return [];
    const from = window[0]!.firstSeq;
    const through = window.at(-1)!.lastSeq;
    const ranges = cutClaims({
      from,
      through,
      recordsPerClaim: recordsPerClaim(config),
      maxClaims: count,
      claimBytes: Math.floor(cap / 2),
      room,
      sizes: await recordSizes(this.sql, snapshot.nexsetId, from, through),
      limits: this.settings,
    });
    const total = ranges.reduce((sum, range) => sum + range.bytes, 0);
    if (!this.reserve(total)) return [];
    // Batches load their records when their turn to send comes (claim-task.ts); single records come
    // with their claims. Either way their bytes are reserved above.
    const single = recordsPerCall(config) === 1;
    let claimed: OpenClaim[];
    try {
      claimed = await insertClaims(
        this.sql,
        snapshot.id,
        ranges,
        snapshot.configVersion,
        single ? { nexsetId: snapshot.nexsetId, maxRecordBytes } : undefined,
      );
    } catch (error) {
      this.release(total);
      throw error;
    }
    ledger.markClaimed(ranges);
    const bytesOf = new Map(ranges.map((range) => [range.firstSeq, range.bytes]));
    let started = 0;
    for (const claim of claimed) {
      claim.bytes = bytesOf.get(claim.firstSeq) ?? 0;
      started += claim.bytes;
    }
    // Ranges another runner claimed first hold nothing here.
    this.release(total - started);
    return claimed;
  }

  /** Takes `bytes` from the pool for this run, unless the run's share or the pool is used up (a run holding nothing may always take one claim's worth). */
  reserve(bytes: number): boolean {
    const cap = runByteCap(this.settings);
    if (this.heldBytes > 0 && this.heldBytes + bytes > cap) return false;
    if (!this.bytePool.tryTake(bytes)) return false;
    this.heldBytes += bytes;
    return true;
  }

  release(bytes: number): void {
    this.heldBytes -= bytes;
    this.bytePool.release(bytes);
  }
}
