import { z } from "zod";
import { detectDelimiter, type CsvDelimiter } from "./detect-delimiter";
import { fileError } from "./file-error";

export const FILE_FORMATS = ["csv", "json", "ndjson"] as const;
export const fileFormatSchema = z.enum(FILE_FORMATS);
export type FileFormat = z.infer<typeof fileFormatSchema>;

export interface DetectedFormat {
  format: FileFormat;
  /** CSV only. */
  delimiter?: CsvDelimiter;
  /** Set when the content and the file name disagree in a way we could accept (json ↔ ndjson). */
  note?: string;
}

const FORMAT_NAMES: Record<FileFormat, string> = { csv: "CSV", json: "JSON", ndjson: "NDJSON" };
const EXTENSION_FORMATS: Record<string, FileFormat> = {
  csv: "csv",
  tsv: "csv",
  json: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
};

function isJsonFamily(format: FileFormat): boolean {
  return format !== "csv";
}

/** The format a file name promises (".csv.gz" counts as ".csv"), if any. */
export function formatFromFileName(fileName: string | undefined): FileFormat | undefined {
  const parts = (fileName ?? "").toLowerCase().replace(/\.gz$/, "").split(".");
  if (parts.length < 2) return undefined;
  return EXTENSION_FORMATS[parts[parts.length - 1]!];
}

function firstLine(text: string): string | undefined {
  const end = text.indexOf("\n");
  return end === -1 ? undefined : text.slice(0, end);
}

function isJsonObjectLine(line: string | undefined): boolean {
  if (line === undefined) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** What the content is, judged from its first bytes (decoded, BOM removed). */
function sniffContent(head: string, ended: boolean): DetectedFormat {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.length === 0) throw fileError("the file is empty");
  if (head.includes("\u0000")) throw fileError("the file does not look like text (it contains binary data)");
  if (text.startsWith("[")) return { format: "json" };
  if (text.startsWith("{")) {
    // One complete object on the first line means NDJSON; otherwise a (pretty-printed) JSON document.
    const line = firstLine(text) ?? (ended ? text : undefined);
    return { format: isJsonObjectLine(line) ? "ndjson" : "json" };
  }
  return { format: "csv", delimiter: detectDelimiter(text) };
}

/**
 * Decides how to parse a file from its content, checked against its name or a declared format:
 * CSV content in a .json file (or the reverse) is refused rather than guessed.
 */
export function detectFormat(input: {
  head: string;
  ended: boolean;
  fileName?: string;
  declared?: FileFormat;
}): DetectedFormat {
  const detected = sniffContent(input.head, input.ended);
  const expected = input.declared ?? formatFromFileName(input.fileName);
  if (!expected || expected === detected.format) return detected;
  const what = input.fileName ? `"${input.fileName}"` : "the file";
  if (isJsonFamily(expected) !== isJsonFamily(detected.format)) {
    throw fileError(`${what} looks like ${FORMAT_NAMES[detected.format]}, not ${FORMAT_NAMES[expected]}`);
  }
  return { ...detected, note: `${what} was read as ${FORMAT_NAMES[detected.format]}, which its content is` };
}
