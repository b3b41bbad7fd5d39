import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { withClient } from "@/lib/db/sql-executor";
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
 * or wedge the journal: the rows are then written one by one, and the refused ones are left out
 * and returned (why each was refused). Any other error (the database unreachable) is thrown, and
 * the caller tries again.
 */
export function writeCallRows(pool: pg.Pool, rows: readonly CallRow[]): Promise<Error[]> {
  const encoder = new CallRowEncoder();
  return writeEncodedCallRows(
    pool,
    rows.map((row) => encoder.encode(row)),
  );
}

/** writeCallRows for rows already encoded (CallRowEncoder). */
export async function writeEncodedCallRows(pool: pg.Pool, rows: readonly Buffer[]): Promise<Error[]> {
  try {
    await copyEncodedCallRows(pool, rows);
    return [];
  } catch (error) {
    if (!isDataError(error)) throw error;
  }
  const refused: Error[] = [];
  for (const row of rows) {
    try {
      await copyEncodedCallRows(pool, [row]);
    } catch (rowError) {
      if (!isDataError(rowError)) throw rowError;
      refused.push(new Error(`A call row was refused and is not in the activity log: ${(rowError as Error).message}`));
    }
  }
  return refused;
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the rows, not the database. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

/** Inserts the encoded rows in one COPY; resolves with the number of rows written. */
export async function copyEncodedCallRows(pool: pg.Pool, rows: readonly Buffer[]): Promise<number> {
  if (rows.length === 0) return 0;
  // A connection whose COPY failed half-way is closed (withClient), and the COPY is tried again.
  return withClient(pool, async (client) => {
    const stream = client.query(copyFrom(COPY_CALLS));
    stream.end(rows.length === 1 ? rows[0] : Buffer.concat(rows));
    await once(stream, "finish");
    return stream.rowCount;
  });
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Call rows in COPY's text format (tab-separated fields, \N for NULL, one line each), each row
 * encoded when its call is recorded and kept as bytes until the commit: a view of a shared chunk
 * outside V8's heap, where the row's strings would be carried from collection to collection. A row
 * is written in five pieces, the bodies on their own and the short fields between them joined: one
 * string per batch, flattened and then encoded, cost more, and so did one write per field.
 */
export class CallRowEncoder {
  private chunk = Buffer.allocUnsafe(0);
  private used = 0;
  /** Where the row being encoded starts in the chunk. */
  private rowStart = 0;

  encode(r: CallRow): Buffer {
    this.rowStart = this.used;
    this.put(
      `${text(r.organisationId)}\t${text(r.destinationId)}\t${text(r.kind ?? "delivery")}\t${int(r.firstSeq)}\t` +
        `${int(r.lastSeq)}\t${int(r.recordCount ?? 0)}\t${int(r.configVersion)}\t${int(r.attempt ?? 1)}\t` +
        `${text(r.method)}\t${text(r.url)}\t${json(r.requestHeaders)}\t`,
    );
    this.put(text(r.requestBody));
    this.put(`\t${int(r.responseStatus)}\t${json(r.responseHeaders)}\t`);
    this.put(text(r.responseBody));
    this.put(
      `\t${text(r.outcome)}\t${text(r.errorMessage)}\t${int(r.latencyMs)}\t${timestamp(r.createdAt)}\t` +
        `${text(r.syncStep)}\t${text(r.recordOutcome)}\n`,
    );
    return this.chunk.subarray(this.rowStart, this.used);
  }

  private put(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.reserve(value.length * 3);
    this.used += this.chunk.write(value, this.used);
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
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  // PostgreSQL text cannot hold U+0000 (truncateBody already replaced it in bodies).
  const clean = value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
  return SPECIAL.test(clean) ? clean.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : clean;
}

function int(value: number | null | undefined): string {
  return value === null || value === undefined ? "\\N" : String(Math.trunc(value));
}

function json(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  // jsonb refuses the escaped NUL character too.
  return text(JSON.stringify(value).replaceAll("\\u0000", "\\uFFFD"));
}

function timestamp(value: Date | string | null | undefined): string {
  // Stored as UTC without a zone, as Prisma stores DateTime.
  const date = value instanceof Date ? value : value ? new Date(value) : new Date();
  return date.toISOString().slice(0, -1);
}
