import type { JsonRecord } from "@/lib/nexsets/append-records";
import { fileError } from "./file-error";
import { parseJsonRecord } from "./json-record";
import { MAX_RECORD_TEXT } from "@/lib/nexsets/record-size";
import { MAX_RECORD_CHARS } from "./limits";

/** NDJSON: one JSON object per line; blank lines are skipped. Yields the records of each chunk. */
export async function* parseNdjson(text: AsyncIterable<string>): AsyncGenerator<JsonRecord[]> {
  let carry = "";
  let line = 0;
  const take = (raw: string, batch: JsonRecord[]) => {
    line++;
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (content.trim().length > 0) batch.push(parseJsonRecord(content, { line, column: 1 }));
  };
  for await (const chunk of text) {
    if (!chunk.includes("\n")) {
      // A long line arriving in pieces: keep gathering it without rescanning what we have.
      carry += chunk;
      if (carry.length > MAX_RECORD_CHARS)
        throw fileError(`the line is far longer than the ${MAX_RECORD_TEXT} a record may be`, line + 1);
      continue;
    }
    const data = carry + chunk;
    const batch: JsonRecord[] = [];
    let start = 0;
    for (let end = data.indexOf("\n"); end !== -1; end = data.indexOf("\n", start)) {
      take(data.slice(start, end), batch);
      start = end + 1;
    }
    carry = data.slice(start);
    if (carry.length > MAX_RECORD_CHARS)
      throw fileError(`the line is far longer than the ${MAX_RECORD_TEXT} a record may be`, line + 1);
    if (batch.length > 0) yield batch;
  }
  const last: JsonRecord[] = [];
  if (carry.length > 0) take(carry, last);
  if (last.length > 0) yield last;
}
