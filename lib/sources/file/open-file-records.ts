import type { JsonRecord } from "@/lib/nexsets/append-records";
import { decodeUtf8, formatBytes, gunzipBytes, isGzip, iterateBytes, peekBytes, type ByteInput } from "./byte-stream";
import { detectFormat, type DetectedFormat, type FileFormat } from "./detect-format";
import { fileError } from "./file-error";
import { DEFAULT_MAX_FILE_BYTES, SNIFF_BYTES } from "./limits";
import { parseCsv } from "./parse-csv";
import { parseJsonDocument } from "./parse-json";
import { parseNdjson } from "./parse-ndjson";

export interface OpenFileOptions {
  fileName?: string;
  /** Overrides the extension; the content must still agree. */
  format?: FileFormat;
  /** Refuse files larger than this (bytes as they arrive). */
  maxBytes?: number;
  /** A CSV with only its header row gives no records instead of an error (an export with no rows). */
  allowNoRows?: boolean;
  /** Called as bytes arrive (compressed bytes for a .gz), for a progress bar. */
  onBytes?: (bytes: number) => void;
}

export interface FileRecords extends DetectedFormat {
  /** Records in file order, a chunk at a time; throws a line-numbered error at the first bad one. */
  batches: AsyncGenerator<JsonRecord[]>;
  compressed: boolean;
}

async function* countBytes(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw fileError(`the file is larger than the ${formatBytes(maxBytes)} limit`);
    onBytes?.(total);
    yield chunk;
  }
}

/**
 * Sniffs the format from the first bytes (gzip is unwrapped first), then returns a lazy stream of
 * records. Nothing beyond the first 64 KB is read until `batches` is iterated.
 */
export async function openFileRecords(input: ByteInput, options: OpenFileOptions = {}): Promise<FileRecords> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let peeked = await peekBytes(countBytes(iterateBytes(input), maxBytes, options.onBytes), SNIFF_BYTES);
  const compressed = isGzip(peeked.head);
  if (compressed) peeked = await peekBytes(gunzipBytes(peeked.bytes, maxBytes), SNIFF_BYTES);
  const head = new TextDecoder("utf-8").decode(peeked.head);
  let detected: DetectedFormat;
  try {
    detected = detectFormat({ head, ended: peeked.ended, fileName: options.fileName, declared: options.format });
  } catch (error) {
    await peeked.close();
    throw error;
  }
  const text = decodeUtf8(peeked.bytes);
  const batches =
    detected.format === "csv"
      ? parseCsv(text, detected.delimiter ?? ",", { allowNoRows: options.allowNoRows })
      : detected.format === "ndjson"
        ? parseNdjson(text)
        : parseJsonDocument(text);
  return { ...detected, compressed, batches };
}
