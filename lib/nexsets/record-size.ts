// How large one record may be. Intercom takes at most about 1 MB per request, so a record larger
// than that could never be sent as it is; and the worker holds records in memory while it sends
// them, so their size bounds its memory. Checked where records arrive (a file's line, a webhook
// call, an Intercom source) with an error naming the record; the worker turns an older or
// response record over its own limit into an error record (FLOWGATE_DELIVERY_MAX_RECORD_BYTES).

/** The largest record accepted, as compact JSON (UTF-8 bytes). */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** "1.4 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const MAX_RECORD_TEXT = formatBytes(MAX_RECORD_BYTES);

/** "the record is 1.4 MB as JSON, over the 1.0 MB a record may be" */
export function tooLargeRecord(bytes: number, what = "the record"): string {
  return `${what} is ${formatBytes(bytes)} as JSON, over the ${MAX_RECORD_TEXT} a record may be`;
}

/**
 * The record's size as compact JSON when it is over `limit`, else undefined. Small records cost no
 * serialisation: a cheap walk bounds their size first (a JSON escape takes at most 6 characters,
 * a UTF-16 unit at most 3 UTF-8 bytes).
 */
export function oversizeRecordBytes(record: unknown, limit = MAX_RECORD_BYTES): number | undefined {
  if (roughChars(record, limit) * 6 * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(record) ?? "", "utf8");
  return bytes > limit ? bytes : undefined;
}

/** Characters of the record's values and keys, plus a little per item; stops counting past `cap`. */
function roughChars(value: unknown, cap: number): number {
  if (typeof value === "string") return value.length + 2;
  if (value === null || typeof value !== "object") return 24;
  let total = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      total += roughChars(item, cap) + 1;
      if (total > cap) return total;
    }
    return total;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    total += key.length + 4 + roughChars((value as Record<string, unknown>)[key], cap);
    if (total > cap) return total;
  }
  return total;
}
