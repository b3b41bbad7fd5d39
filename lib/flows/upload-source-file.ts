import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { formatBytes } from "@/lib/sources/file/byte-stream";
import type { FileFormat } from "@/lib/sources/file/detect-format";
import { fileError } from "@/lib/sources/file/file-error";
import { ingestFile } from "@/lib/sources/file/ingest-file";
import { MAX_UPLOAD_BYTES, type UploadResult } from "./source-inputs";

export interface UploadSourceFileInput {
  db: Db;
  organisationId: string;
  /** Append to this file source; without it a new file source is created from the file. */
  sourceId?: string;
  newSource?: { name?: string; flowId?: string };
  fileName: string;
  format?: FileFormat;
  /** The request body, read as it arrives: the file is never held in memory. */
  body: ReadableStream<Uint8Array> | null;
  contentLength: string | null;
  maxBytes?: number;
}

/** The upload routes' work: size check from the declared length, then a streamed ingestFile. */
export async function uploadSourceFile(input: UploadSourceFileInput): Promise<UploadResult> {
  const maxBytes = input.maxBytes ?? MAX_UPLOAD_BYTES;
  const declared = Number(input.contentLength ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await input.body?.cancel().catch(() => undefined);
    throw new DomainError("payload_too_large", `The file is larger than the ${formatBytes(maxBytes)} upload limit`, {
      status: 413,
      field: "file",
    });
  }
  if (!input.body) throw fileError("the file is empty");
  const result = await ingestFile({
    db: input.db,
    organisationId: input.organisationId,
    sourceId: input.sourceId,
    newSource: input.newSource,
    fileName: input.fileName,
    format: input.format,
    stream: input.body,
    maxBytes,
  });
  return { ...result, durationMs: Math.round(result.durationMs) };
}
