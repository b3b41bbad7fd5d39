import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { isDomainError } from "@/lib/errors";
import type { JsonRecord } from "@/lib/nexsets/append-records";
import { coerceCsvValue } from "./csv-values";
import type { CsvDelimiter } from "./detect-delimiter";
import { fileError } from "./file-error";
import { MAX_RECORD_BYTES, MAX_RECORD_TEXT, oversizeRecordBytes, tooLargeRecord } from "@/lib/nexsets/record-size";
import { MAX_RECORD_CHARS } from "./limits";

const YIELD_EVERY = 1_000;

interface CsvRow {
  record: string[];
  info: { lines: number };
}

/** Header names become attribute names: trimmed, blanks named by position, duplicates refused. */
function readHeader(cells: string[], line: number): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const name = cell.trim() || `column_${i + 1}`;
    const earlier = seen.get(name);
    if (earlier !== undefined)
      throw fileError(`the header names "${name}" twice (columns ${earlier + 1} and ${i + 1})`, line);
    seen.set(name, i);
    return name;
  });
}

/** csv-parse's own errors, restated with the line they happened on. */
function explainCsvError(error: CsvError, recordStartLine: number): Error {
  const line = typeof error.lines === "number" ? error.lines : undefined;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return fileError(
        "a quoted field in the row that starts here is never closed (the file ends inside quotes)",
        recordStartLine,
      );
    case "CSV_INVALID_CLOSING_QUOTE":
      return fileError(
        "a closing quote is followed by other characters instead of the delimiter or the end of the line",
        line,
      );
    case "INVALID_OPENING_QUOTE":
      return fileError(
        'a quote appears inside an unquoted field (quote the whole field and double the inner quotes: "a ""b"" c")',
        line,
      );
    case "CSV_MAX_RECORD_SIZE":
      return fileError(`the row is far larger than the ${MAX_RECORD_TEXT} a record may be`, line);
    default:
      return fileError(error.message.replace(/\s*at line \d+/, ""), line);
  }
}

/**
 * CSV with a header row. Every row must have as many fields as the header; a ragged row stops
 * the whole file with its line number.
 */
export async function* parseCsv(
  text: AsyncIterable<string>,
  delimiter: CsvDelimiter,
  options: { allowNoRows?: boolean } = {},
): AsyncGenerator<JsonRecord[]> {
  // The line each row ends on, tracked as the parser makes rows: a stream that fails drops rows
  // it had not handed over yet, so the consumer's view lags.
  let lastRowLine = 0;
  const parser = parse({
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (row, context) => {
      lastRowLine = context.lines;
      return row;
    },
  });
  const input = Readable.from(text);
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  let header: string[] | undefined;
  let headerLine = 0;
  let rows = 0;
  let batch: JsonRecord[] = [];
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      const line = row.info.lines;
      if (!header) {
        header = readHeader(row.record, line);
        headerLine = line;
      } else {
        if (row.record.length !== header.length) {
          throw fileError(`expected ${header.length} fields, found ${row.record.length} (ragged row)`, line);
        }
        const record: JsonRecord = {};
        let chars = 0;
        for (let i = 0; i < header.length; i++) {
          record[header[i]!] = coerceCsvValue(row.record[i]!);
          chars += header[i]!.length + row.record[i]!.length + 6;
        }
        // Its JSON (keys repeated on every row) is what is kept and sent; UTF-8 takes ≤ 3 bytes a character.
        const bytes = chars * 3 > MAX_RECORD_BYTES ? oversizeRecordBytes(record) : undefined;
        if (bytes !== undefined) throw fileError(tooLargeRecord(bytes), line);
        batch.push(record);
        rows++;
        if (batch.length >= YIELD_EVERY) {
          yield batch;
          batch = [];
        }
      }
    }
  } catch (error) {
    if (isDomainError(error)) throw error;
    if (error instanceof CsvError) throw explainCsvError(error, lastRowLine + 1);
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (!header) throw fileError("the file is empty");
  if (rows === 0 && !options.allowNoRows) throw fileError("the header row has no records below it", headerLine);
  if (batch.length > 0) yield batch;
}
