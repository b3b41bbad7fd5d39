import type { JsonRecord } from "@/lib/nexsets/append-records";
import { fileError } from "./file-error";
import { parseJsonRecord } from "./json-record";
import { MAX_RECORD_TEXT } from "@/lib/nexsets/record-size";
import { MAX_RECORD_CHARS } from "./limits";

// A streaming reader for a JSON document: an array of objects (`[{…},{…}]`), or objects one
// after another (a single pretty-printed object included). It only finds where each top-level
// object starts and ends (braces outside strings); JSON.parse does the rest, one record at a time,
// so a 100 MB array never sits in memory and an error names its line.

type Phase = "start" | "first-item" | "next-item" | "after-item" | "closed" | "sequence";

const OPEN = 123; // {
const CLOSE = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const COMMA = 44;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function describeTopLevel(ch: string): string {
  if (ch === "[") return "an array";
  if (ch === '"') return "a string";
  if (ch === "-" || (ch >= "0" && ch <= "9")) return "a number";
  if (ch === "t" || ch === "f") return "a boolean";
  if (ch === "n") return "null";
  return `'${ch}'`;
}

export async function* parseJsonDocument(text: AsyncIterable<string>): AsyncGenerator<JsonRecord[]> {
  let phase: Phase = "start";
  let line = 1;
  let lineStart = 0; // offset in the whole text where the current line begins
  let base = 0; // offset of the current chunk in the whole text
  let items = 0;
  // The object being read: depth of braces/brackets, string state, its text so far.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let partsLength = 0;
  let itemStart = { line: 0, column: 0 };

  const fail = (reason: string, at = line, column?: number): never => {
    throw fileError(reason, at, column);
  };

  for await (const chunk of text) {
    const batch: JsonRecord[] = [];
    let segment = depth > 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === NEWLINE) {
        line++;
        lineStart = base + i + 1;
      }
      if (depth > 0) {
        if (inString) {
          if (escaped) escaped = false;
          else if (code === BACKSLASH) escaped = true;
          else if (code === QUOTE) inString = false;
        } else if (code === QUOTE) inString = true;
        else if (code === OPEN || code === OPEN_ARRAY) depth++;
        else if ((code === CLOSE || code === CLOSE_ARRAY) && --depth === 0) {
          parts.push(chunk.slice(segment, i + 1));
          batch.push(parseJsonRecord(parts.join(""), itemStart));
          parts = [];
          partsLength = 0;
          segment = -1;
          phase = phase === "sequence" ? "sequence" : "after-item";
        }
        continue;
      }
      if (isSpace(code)) continue;
      const column = base + i - lineStart + 1;
      if (code === OPEN && phase !== "after-item" && phase !== "closed") {
        if (phase === "start") phase = "sequence";
        depth = 1;
        items++;
        segment = i;
        itemStart = { line, column };
        continue;
      }
      const ch = chunk[i]!;
      if (phase === "start" && code === OPEN_ARRAY) phase = "first-item";
      else if (phase === "first-item" && code === CLOSE_ARRAY) phase = "closed";
      else if (phase === "after-item" && code === COMMA) phase = "next-item";
      else if (phase === "after-item" && code === CLOSE_ARRAY) phase = "closed";
      else if (phase === "first-item" || phase === "next-item") {
        if (code === CLOSE_ARRAY) fail("unexpected ']' after ',' (a trailing comma)", line, column);
        fail(`item ${items + 1} of the array is ${describeTopLevel(ch)}; records must be JSON objects`, line, column);
      } else if (phase === "after-item") fail(`expected ',' or ']' after item ${items}, found '${ch}'`, line, column);
      else if (phase === "closed") fail(`unexpected '${ch}' after the end of the JSON array`, line, column);
      else fail(`expected '{' to start the next record, found '${ch}'`, line, column);
    }
    if (depth > 0) {
      const rest = chunk.slice(segment);
      parts.push(rest);
      partsLength += rest.length;
      if (partsLength > MAX_RECORD_CHARS)
        fail(`the record is far larger than the ${MAX_RECORD_TEXT} a record may be`, itemStart.line, itemStart.column);
    }
    base += chunk.length;
    if (batch.length > 0) yield batch;
  }
  if (depth > 0)
    fail(`the file ends inside the record that starts on line ${itemStart.line} (a '}' or ']' is missing)`);
  if (phase === "first-item" || phase === "next-item" || phase === "after-item")
    fail("the file ends before the JSON array is closed with ']'");
}
