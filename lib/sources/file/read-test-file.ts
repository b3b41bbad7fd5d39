import { Readable } from "node:stream";
import type { JsonRecord } from "@/lib/nexsets/append-records";
import { openFileRecords, type FileRecords, type OpenFileOptions } from "./open-file-records";

/** Test helper: parses a whole (small) file given as text or bytes, in chunks of `chunkSize`. */
export async function readTestFile(
  content: string | Buffer,
  options: OpenFileOptions & { chunkSize?: number } = {},
): Promise<{ file: FileRecords; records: JsonRecord[] }> {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const size = options.chunkSize ?? 7;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const file = await openFileRecords(Readable.from(chunks), options);
  const records: JsonRecord[] = [];
  for await (const batch of file.batches) records.push(...batch);
  return { file, records };
}
