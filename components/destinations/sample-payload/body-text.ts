import { findJsonSyntaxProblem, positionOf } from "@/lib/sources/file/json-syntax";

// How the panel shows and checks request bodies.

/** JSON bodies indented for reading; anything else as sent. */
export function prettyBody(body: string | undefined): string {
  if (body === undefined) return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export type JsonCheck = { ok: true } | { ok: false; message: string; line?: number };

/** Whether an edited test body is JSON, and if not where it breaks (the browser's parser often won't say). */
export function checkJsonText(text: string): JsonCheck {
  try {
    JSON.parse(text);
    return { ok: true };
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    if (!problem)
      return { ok: false, message: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
    const { lineOffset, column } = positionOf(text, problem.offset);
    const line = lineOffset + 1;
    return { ok: false, message: `Invalid JSON (line ${line}, column ${column}): ${problem.reason}`, line };
  }
}
