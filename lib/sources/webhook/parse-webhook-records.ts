import { findExcessiveNesting, tooDeepMessage } from "@/lib/api/json-depth";
import { badInput } from "@/lib/errors";
import type { JsonRecord } from "@/lib/nexsets/append-records";
import { MAX_RECORD_BYTES, oversizeRecordBytes, tooLargeRecord } from "@/lib/nexsets/record-size";
import { describeJsonKind, isJsonRecord } from "../file/json-record";
import { findJsonSyntaxProblem, positionOf } from "../file/json-syntax";

/** A webhook body is one JSON object (one record) or an array of objects. */
export function parseWebhookRecords(body: Buffer): JsonRecord[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw badInput("body", "The body is not UTF-8 text");
  }
  if (text.trim().length === 0) throw badInput("body", "The body is empty: send a JSON object or an array of objects");
  if (findExcessiveNesting(text) >= 0) throw badInput("body", tooDeepMessage("The body"));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    if (!problem) throw badInput("body", `The body is not valid JSON: ${(error as Error).message}`);
    const { lineOffset, column } = positionOf(text, problem.offset);
    throw badInput("body", `The body is not valid JSON: line ${lineOffset + 1}, column ${column}: ${problem.reason}`);
  }
  // UTF-8 takes at most 3 bytes per character: a small body cannot hold a record over the limit.
  const mayBeTooLarge = text.length * 3 > MAX_RECORD_BYTES;
  if (isJsonRecord(value)) {
    const bytes = mayBeTooLarge ? oversizeRecordBytes(value) : undefined;
    if (bytes !== undefined) throw badInput("body", `${tooLargeRecord(bytes, "The record")}: nothing was kept`);
    return [value];
  }
  if (!Array.isArray(value))
    throw badInput("body", `The body is ${describeJsonKind(value)}: send a JSON object or an array of objects`);
  value.forEach((item, index) => {
    if (!isJsonRecord(item))
      throw badInput(
        `body[${index}]`,
        `body[${index}] is ${describeJsonKind(item)}; each record must be a JSON object`,
      );
    const bytes = mayBeTooLarge ? oversizeRecordBytes(item) : undefined;
    if (bytes !== undefined)
      throw badInput(`body[${index}]`, `${tooLargeRecord(bytes, `body[${index}]`)}: nothing was kept`);
  });
  return value as JsonRecord[];
}
