import { findExcessiveNesting, tooDeepMessage } from "@/lib/api/json-depth";
import type { JsonRecord } from "@/lib/nexsets/append-records";
import { MAX_RECORD_BYTES, oversizeRecordBytes, tooLargeRecord } from "@/lib/nexsets/record-size";
import { fileError } from "./file-error";
import { findJsonSyntaxProblem, positionOf } from "./json-syntax";

/** Where a piece of text starts in the file, so errors inside it point at the right line. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Records must be JSON objects: attributes are their keys. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses one record's text; a syntax error is reported at its line and column in the file. */
export function parseJsonRecord(text: string, at: TextPosition): JsonRecord {
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep >= 0) {
    const { lineOffset, column } = positionOf(text, tooDeep);
    throw fileError(
      tooDeepMessage("the record"),
      at.line + lineOffset,
      lineOffset === 0 ? at.column + column - 1 : column,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text) ?? { offset: 0, reason: (error as Error).message };
    const { lineOffset, column } = positionOf(text, problem.offset);
    throw fileError(problem.reason, at.line + lineOffset, lineOffset === 0 ? at.column + column - 1 : column);
  }
  if (!isJsonRecord(value))
    throw fileError(`expected a JSON object, found ${describeJsonKind(value)}`, at.line, at.column);
  // Compact JSON takes at most 3 bytes per character of the text it was parsed from.
  const bytes = text.length * 3 > MAX_RECORD_BYTES ? oversizeRecordBytes(value) : undefined;
  if (bytes !== undefined) throw fileError(tooLargeRecord(bytes), at.line, at.column);
  return value;
}
