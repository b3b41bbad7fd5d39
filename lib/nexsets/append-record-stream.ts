import type { Prisma } from "@/lib/generated/prisma/client";
import { appendRecordsInTx, type JsonRecord } from "./append-records";

type Tx = Prisma.TransactionClient;

/** Records handed to appendRecordsInTx at a time while a stream is appended: this many, or… */
export const STREAM_APPEND_BATCH = 5_000;
/** …fewer when they add up to this much text, so a batch of large records stays small in memory. */
export const STREAM_APPEND_BATCH_BYTES = 8 * 1024 * 1024;

/** A cheap estimate of a record's size as JSON: flat text fields (CSV rows) are counted directly. */
export function approximateRecordBytes(record: JsonRecord): number {
  let bytes = 2;
  for (const key of Object.keys(record)) {
    const value = record[key];
    bytes += key.length + 4;
    if (typeof value === "string") bytes += value.length;
    else if (value !== null && typeof value === "object") bytes += JSON.stringify(value).length;
    else bytes += 8;
  }
  return bytes;
}

export interface StreamAppendResult {
  added: number;
  /** 0 when nothing was added. */
  firstSeq: number;
  lastSeq: number;
}

/** Groups a stream's chunks into arrays of at most `size` records and (about) `maxBytes` of text. */
export async function* rebatch(
  batches: AsyncIterable<JsonRecord[]>,
  size: number,
  maxBytes = STREAM_APPEND_BATCH_BYTES,
): AsyncGenerator<JsonRecord[]> {
  let pending: JsonRecord[] = [];
  let pendingBytes = 0;
  for await (const batch of batches) {
    for (const record of batch) {
      pending.push(record);
      pendingBytes += approximateRecordBytes(record);
      if (pending.length >= size || pendingBytes >= maxBytes) {
        yield pending;
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pending.length > 0) yield pending;
}

/**
 * Asks the source for its next item while the consumer is still busy with the current one, so
 * parsing the next batch overlaps the database inserting this one. At most one item is held ahead.
 */
export async function* prefetch<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let pending = source.next();
  try {
    for (;;) {
      const current = await pending;
      if (current.done) return;
      pending = source.next();
      // A failure of the read-ahead surfaces when it is awaited; until then it must not be "unhandled".
      pending.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await source.return(undefined);
  }
}

/**
 * Appends a stream of records inside the caller's transaction, in order, a batch at a time, so a
 * source of any size never sits in memory and a failure anywhere rolls all of it back.
 */
export async function appendRecordStreamInTx(
  tx: Tx,
  nexsetId: string,
  batches: AsyncGenerator<JsonRecord[]>,
  onBatch?: (added: number) => void,
): Promise<StreamAppendResult> {
  let added = 0;
  let firstSeq = 0;
  let lastSeq = 0;
  for await (const batch of prefetch(rebatch(batches, STREAM_APPEND_BATCH))) {
    const appended = await appendRecordsInTx(tx, nexsetId, batch);
    firstSeq ||= appended.firstSeq;
    lastSeq = appended.lastSeq;
    added += batch.length;
    onBatch?.(added);
  }
  return { added, firstSeq, lastSeq };
}
