import type { Prisma } from "@/lib/generated/prisma/client";
import { appendRecordsInTx, type JsonRecord } from "./append-records";

type Tx = Prisma.TransactionClient;

/** Records handed to appendRecordsInTx at a time while a stream is appended. */
export const STREAM_APPEND_BATCH = 5_000;

export interface StreamAppendResult {
  added: number;
  /** 0 when nothing was added. */
  firstSeq: number;
  lastSeq: number;
}

/** Groups a stream's chunks into `size`-record arrays. */
export async function* rebatch(batches: AsyncIterable<JsonRecord[]>, size: number): AsyncGenerator<JsonRecord[]> {
  let pending: JsonRecord[] = [];
  for await (const batch of batches) {
    for (const record of batch) pending.push(record);
    if (pending.length >= size) {
      yield pending;
      pending = [];
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
