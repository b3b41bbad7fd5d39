import type { Db } from "@/lib/db/client";
import { DomainError, notFound } from "@/lib/errors";
import { appendRecordStreamInTx } from "@/lib/nexsets/append-record-stream";
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
  /** Bytes read so far and records appended so far (uncommitted until the promise resolves). */
  onProgress?: (bytes: number, rows: number) => void;
  /** The whole file is one transaction; a very slow upload past this is rolled back. */
  transactionTimeoutMs?: number;
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

/**
 * Streams a file into a Nexset: parse → validate → append in batches inside ONE transaction, so
 * a bad row anywhere (the error names its line) leaves nothing of the file behind — and, for a
 * new source, no source either. The file is never held in memory.
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
    const result = await input.db.$transaction(
      async (tx) => {
        const target =
          existing ??
          (await createSourceInTx(tx, {
            organisationId: input.organisationId,
            kind: "file",
            name: input.newSource?.name?.trim() || input.fileName,
            flowId: input.newSource?.flowId,
          }));
        const { firstSeq, lastSeq } = await appendRecordStreamInTx(tx, target.nexsetId, file.batches, (added) => {
          rows = added;
          input.onProgress?.(bytes, rows);
        });
        if (rows === 0) throw fileError("the file has no records");
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
        const run = await tx.sourceRun.create({
          data: {
            sourceId: target.sourceId,
            status: "succeeded",
            recordsAdded: rows,
            steps: stepsJson([step]),
            startedAt: new Date(started),
            finishedAt: new Date(),
          },
          select: { id: true },
        });
        return {
          ...target,
          runId: run.id,
          firstSeq,
          lastSeq,
          format: file.format,
          delimiter: file.delimiter,
          note: file.note,
        };
      },
      { timeout: input.transactionTimeoutMs ?? 30 * 60_000, maxWait: 30_000 },
    );
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
