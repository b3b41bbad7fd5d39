import type { Db } from "@/lib/db/client";
import { DomainError, notFound } from "@/lib/errors";
import { prefetch, rebatch, STREAM_APPEND_BATCH } from "@/lib/nexsets/append-record-stream";
import { beginLoad, beginLoadInTx, discardLoad, loadBatch, publishLoad } from "@/lib/nexsets/staged-load";
import { announceRecordsAppended } from "../announce-records";
import { createSourceInTx } from "../create-source";
import { recordFailedRun } from "../record-failed-run";
import { stepsJson } from "../run-steps";
import type { SourceRunStep } from "../schemas";
import type { ByteInput } from "./byte-stream";
import type { FileFormat } from "./detect-format";
import { fileError } from "./file-error";
import { openFileRecords } from "./open-file-records";

export interface IngestFileInput {
  db: Db;
  organisationId: string;
  /** Append to this file source; without it a new source (and Nexset) is created with the file. */
  sourceId?: string;
  /** For a new source: its name (default: the file name) and flow. */
  newSource?: { name?: string; flowId?: string };
  fileName: string;
  stream: ByteInput;
  format?: FileFormat;
  maxBytes?: number;
  /** Bytes read so far and records loaded so far (invisible until the promise resolves). */
  onProgress?: (bytes: number, rows: number) => void;
}

export interface IngestFileResult {
  sourceId: string;
  nexsetId: string;
  runId: string;
  format: FileFormat;
  delimiter?: string;
  note?: string;
  recordsAdded: number;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
  durationMs: number;
}

async function findFileSource(db: Db, organisationId: string, sourceId: string) {
  const source = await db.source.findFirst({
    where: { id: sourceId, organisationId },
    select: { id: true, kind: true, nexset: { select: { id: true } } },
  });
  if (!source || !source.nexset) throw notFound("Source");
  if (source.kind !== "file")
    throw new DomainError("wrong_source_kind", "Files can only be uploaded to a file source", { status: 409 });
  return { sourceId: source.id, nexsetId: source.nexset.id };
}

/** A new file source with a load open into its Nexset, so a failed upload deletes the source again. */
function createFileSource(input: IngestFileInput) {
  return input.db.$transaction(async (tx) => {
    const target = await createSourceInTx(tx, {
      organisationId: input.organisationId,
      kind: "file",
      name: input.newSource?.name?.trim() || input.fileName,
      flowId: input.newSource?.flowId,
    });
    return { target, load: await beginLoadInTx(tx, target.nexsetId, true) };
  });
}

/**
 * Streams a file into a Nexset: parse → validate → load in batches, a short transaction each, with
 * the records invisible until one short final transaction publishes them (staged-load.ts). A bad
 * row anywhere (the error names its line) leaves nothing of the file behind — and, for a new
 * source, no source either. The file is never held in memory.
 */
export async function ingestFile(input: IngestFileInput): Promise<IngestFileResult> {
  const started = Date.now();
  const existing = input.sourceId ? await findFileSource(input.db, input.organisationId, input.sourceId) : undefined;
  let bytes = 0;
  let rows = 0;
  try {
    const file = await openFileRecords(input.stream, {
      fileName: input.fileName,
      format: input.format,
      maxBytes: input.maxBytes,
      onBytes: (n) => void (bytes = n),
    });
    const { target, load } = existing
      ? { target: existing, load: await beginLoad(input.db, existing.nexsetId) }
      : await createFileSource(input);
    try {
      for await (const batch of prefetch(rebatch(file.batches, STREAM_APPEND_BATCH))) {
        await loadBatch(input.db, load, batch);
        rows = load.loaded;
        input.onProgress?.(bytes, rows);
      }
      if (rows === 0) throw fileError("the file has no records");
    } catch (error) {
      await discardLoad(input.db, load.id);
      throw error;
    }
    const firstSeq = load.baseSeq + 1;
    const lastSeq = load.baseSeq + rows;
    const step: SourceRunStep = {
      step: `Upload ${input.fileName}`,
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      input: {
        fileName: input.fileName,
        format: file.format,
        delimiter: file.delimiter,
        compressed: file.compressed,
        bytes,
      },
      output: { records: rows, firstSeq, lastSeq, note: file.note },
    };
    const run = await publishLoad(input.db, load, (tx) =>
      tx.sourceRun.create({
        data: {
          sourceId: target.sourceId,
          status: "succeeded",
          recordsAdded: rows,
          steps: stepsJson([step]),
          startedAt: new Date(started),
          finishedAt: new Date(),
        },
        select: { id: true },
      }),
    ).catch(async (error: unknown) => {
      await discardLoad(input.db, load.id);
      throw error;
    });
    const result = {
      ...target,
      runId: run.id,
      firstSeq,
      lastSeq,
      format: file.format,
      delimiter: file.delimiter,
      note: file.note,
    };
    await announceRecordsAppended(input.db, result.nexsetId);
    return { ...result, recordsAdded: rows, bytes, durationMs: Date.now() - started };
  } catch (error) {
    if (existing) {
      await recordFailedRun(input.db, existing.sourceId, {
        startedAt: new Date(started),
        error,
        step: {
          step: `Upload ${input.fileName}`,
          input: { fileName: input.fileName, bytes },
          output: { recordsKept: 0, rowsReadBeforeError: rows },
        },
      });
    }
    throw error;
  }
}
