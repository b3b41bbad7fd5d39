import { createReadStream } from "node:fs";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { formatBytes } from "@/lib/sources/file/byte-stream";
import type { FileFormat } from "@/lib/sources/file/detect-format";
import { fileError } from "@/lib/sources/file/file-error";
import { reconcileAbandonedLoads } from "@/lib/nexsets/staged-load";
import { ingestFile } from "@/lib/sources/file/ingest-file";
import { spoolUpload } from "@/lib/sources/file/spool-upload";
import { withUploadSlot } from "@/lib/throttle/upload-slots";
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

/**
 * The upload routes' work: size check from the declared length, one of the organisation's upload
 * slots, the body spooled to a temporary file (no database work waits on the sender), then
 * ingestFile from that file.
 */
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
  const body = input.body;
  return withUploadSlot(input.organisationId, async () => {
    const spooled = await spoolUpload(body, maxBytes);
    // Uploads a crashed process left loading are cleaned up here (their records were never visible).
    await reconcileAbandonedLoads(input.db);
    try {
      const result = await ingestFile({
        db: input.db,
        organisationId: input.organisationId,
        sourceId: input.sourceId,
        newSource: input.newSource,
        fileName: input.fileName,
        format: input.format,
        stream: createReadStream(spooled.path),
        maxBytes,
      });
      return { ...result, durationMs: Math.round(result.durationMs) };
    } finally {
      await spooled.remove();
    }
  });
}
