import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { CallRow } from "./call-record";

// DeliveryCall rows written with COPY … FROM STDIN: PostgreSQL parses COPY's text format for far
// less CPU than the same rows sent as JSON (jsonb_to_recordset), and a worker writes one row per API
// call, thousands a second. Kept for the delivery bench's overhead phases (PostgreSQL's CPU per
// record, throughput_ratio_by_cpu and engine_vs_floor_by_cpu), where the figures are.

const COLUMNS = [
  "organisationId",
  "destinationId",
  "kind",
  "firstSeq",
  "lastSeq",
  "recordCount",
  "configVersion",
  "attempt",
  "method",
  "url",
  "requestHeaders",
  "requestBody",
  "responseStatus",
  "responseHeaders",
  "responseBody",
  "outcome",
  "errorMessage",
  "latencyMs",
  "createdAt",
  "syncStep",
  "recordOutcome",
] as const;

const COPY_CALLS = `COPY "DeliveryCall" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;

/**
 * Writes call rows by COPY. A row PostgreSQL refuses (a data error) must not hold back the others
 * or wedge the journal: the rows are then written one by one and a refused one is reported and
 * left out. Any other error (the database unreachable) is thrown, and the caller tries again.
 */
export function writeCallRows(
  pool: pg.Pool,
  rows: readonly CallRow[],
  onRefused: (error: Error) => void,
): Promise<void> {
  const encoder = new CallRowEncoder();
  return writeEncodedCallRows(
    pool,
    rows.map((row) => encoder.encode(row)),
    onRefused,
  );
}

/** writeCallRows for rows already encoded (CallRowEncoder). */
export async function writeEncodedCallRows(
  pool: pg.Pool,
  rows: readonly Buffer[],
  onRefused: (error: Error) => void,
): Promise<void> {
  try {
    await copyEncodedCallRows(pool, rows);
  } catch (error) {
    if (!isDataError(error)) throw error;
    for (const row of rows) {
      try {
        await copyEncodedCallRows(pool, [row]);
      } catch (rowError) {
        if (!isDataError(rowError)) throw rowError;
        onRefused(new Error(`A call row was refused and is not in the activity log: ${(rowError as Error).message}`));
      }
    }
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the rows, not the database. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

/** Inserts the encoded rows in one COPY; resolves with the number of rows written. */
export async function copyEncodedCallRows(pool: pg.Pool, rows: readonly Buffer[]): Promise<number> {
  if (rows.length === 0) return 0;
  const client = await pool.connect();
  let broken: Error | undefined;
  // The connection may drop mid-COPY (PostgreSQL restarting): a checked-out client's 'error' has no
  // other listener, and unheard it would end the process. The COPY itself fails and is retried.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    const stream = client.query(copyFrom(COPY_CALLS));
    stream.end(rows.length === 1 ? rows[0] : Buffer.concat(rows));
    await once(stream, "finish");
    return stream.rowCount;
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    client.off("error", onError);
    // A connection whose COPY failed half-way is not handed to anyone else.
    client.release(broken);
  }
}

const CHUNK_BYTES = 64 * 1024;
const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Call rows in COPY's text format (tab-separated fields, \N for NULL, one line each), each row
 * encoded when its call is recorded and kept as bytes until the commit: a view of a shared chunk
 * outside V8's heap, where the row's strings would be carried from collection to collection.
 * Strings are written field by field: joined into one first, a masked header's "••" would make
 * the whole line a two-byte string.
 */
export class CallRowEncoder {
  private chunk = Buffer.allocUnsafe(0);
  private used = 0;
  /** Where the row being encoded starts in the chunk. */
  private rowStart = 0;

  encode(r: CallRow): Buffer {
    this.rowStart = this.used;
    this.text(r.organisationId);
    this.text(r.destinationId);
    this.text(r.kind ?? "delivery");
    this.int(r.firstSeq);
    this.int(r.lastSeq);
    this.int(r.recordCount ?? 0);
    this.int(r.configVersion);
    this.int(r.attempt ?? 1);
    this.text(r.method);
    this.text(r.url);
    this.json(r.requestHeaders);
    this.text(r.requestBody);
    this.int(r.responseStatus);
    this.json(r.responseHeaders);
    this.text(r.responseBody);
    this.text(r.outcome);
    this.text(r.errorMessage);
    this.int(r.latencyMs);
    this.timestamp(r.createdAt);
    this.text(r.syncStep);
    this.text(r.recordOutcome);
    // The last field's tab becomes the line's end.
    this.chunk[this.used - 1] = NEWLINE;
    return this.chunk.subarray(this.rowStart, this.used);
  }

  /** Writes a field's text and its tab. */
  private put(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.reserve(value.length * 3 + 1);
    this.used += this.chunk.write(value, this.used);
    this.chunk[this.used++] = TAB;
  }

  /** Room for `bytes` more: a new chunk, the row begun so far carried over, when this one is full. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.chunk.length) return;
    const begun = this.used - this.rowStart;
    const next = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, 2 * (begun + bytes)));
    this.chunk.copy(next, 0, this.rowStart, this.used);
    this.chunk = next;
    this.rowStart = 0;
    this.used = begun;
  }

  private text(value: string | null | undefined): void {
    if (value === null || value === undefined) return this.put("\\N");
    // PostgreSQL text cannot hold U+0000 (truncateBody already replaced it in bodies).
    const clean = value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
    this.put(SPECIAL.test(clean) ? clean.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : clean);
  }

  private int(value: number | null | undefined): void {
    this.put(value === null || value === undefined ? "\\N" : String(Math.trunc(value)));
  }

  private json(value: unknown): void {
    if (value === null || value === undefined) return this.put("\\N");
    if (!this.headerObject(value)) {
      const text = JSON.stringify(value);
      // jsonb refuses the escaped NUL character too.
      this.text(text.includes("\\u0000") ? text.replaceAll("\\u0000", "\\uFFFD") : text);
    }
  }

  /**
   * Headers (an object of plain strings, the common case) written as JSON piece by piece, the
   * same text JSON.stringify gives, without building it first. False, nothing written, for
   * anything else or any string JSON would escape.
   */
  private headerObject(value: unknown): boolean {
    if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
    const fields = value as Record<string, unknown>;
    let bytes = 3;
    for (const key in fields) {
      const item = fields[key];
      if (typeof item !== "string" || needsJsonEscape(key) || needsJsonEscape(item)) return false;
      bytes += 3 * (key.length + item.length) + 6;
    }
    this.reserve(bytes);
    const chunk = this.chunk;
    let at = this.used;
    chunk[at++] = OPEN_BRACE;
    let first = true;
    for (const key in fields) {
      if (!first) chunk[at++] = COMMA;
      first = false;
      chunk[at++] = QUOTE;
      at += chunk.write(key, at);
      chunk[at++] = QUOTE;
      chunk[at++] = COLON;
      chunk[at++] = QUOTE;
      at += chunk.write(fields[key] as string, at);
      chunk[at++] = QUOTE;
    }
    chunk[at++] = CLOSE_BRACE;
    chunk[at++] = TAB;
    this.used = at;
    return true;
  }

  private timestamp(value: Date | string | null | undefined): void {
    // Stored as UTC without a zone, as Prisma stores DateTime.
    const date = value instanceof Date ? value : value ? new Date(value) : new Date();
    this.put(date.toISOString().slice(0, -1));
  }
}

/** Whether JSON would escape something in `value` (quote, backslash, control characters, surrogates), or COPY would. */
function needsJsonEscape(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
