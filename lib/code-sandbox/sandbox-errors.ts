import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import type { SandboxError, SandboxLimits } from "./types";

// Turns what QuickJS threw into one sentence a user can act on, with the line in their own code.
export const USER_CODE_FILENAME = "grouping.js";

const LINE_PATTERN = new RegExp(`${USER_CODE_FILENAME.replace(".", "\\.")}:(\\d+)`);
const MAX_MESSAGE_CHARS = 500;

export interface ThrownValue {
  name?: string;
  message: string;
  line?: number;
}

/** Reads name, message and the user's line from a thrown handle without dumping huge stacks. */
export function readThrownValue(context: QuickJSContext, handle: QuickJSHandle): ThrownValue {
  // QuickJS throws null when it can't even allocate the error object (out of memory).
  if (context.typeof(handle) !== "object" || context.sameValue(handle, context.null))
    return { message: truncate(String(context.dump(handle))) };
  const read = (key: string): string | undefined => {
    const prop = context.getProp(handle, key);
    try {
      return context.typeof(prop) === "string" ? context.getString(prop) : undefined;
    } finally {
      prop.dispose();
    }
  };
  const lineNumber = context.getProp(handle, "lineNumber");
  const fileName = read("fileName");
  const syntaxLine =
    context.typeof(lineNumber) === "number" && fileName === USER_CODE_FILENAME
      ? context.getNumber(lineNumber)
      : undefined;
  lineNumber.dispose();
  const stackLine = LINE_PATTERN.exec(read("stack") ?? "")?.[1];
  return {
    name: read("name"),
    message: truncate(read("message") ?? "(no message)"),
    line: syntaxLine ?? (stackLine === undefined ? undefined : Number(stackLine)),
  };
}

export function describeThrown(thrown: ThrownValue, timedOut: boolean, limits: SandboxLimits): SandboxError {
  if (timedOut) return { kind: "timeout", message: `Your code ran longer than ${limits.timeMs} ms`, line: thrown.line };
  if (thrown.message === "out of memory" || thrown.message === "null") {
    return {
      kind: "memory",
      message: `Your code used more than ${formatMegabytes(limits.memoryBytes)}`,
      line: thrown.line,
    };
  }
  if (thrown.message === "stack overflow") {
    return withLine("stack", "Your code recursed too deeply (stack overflow)", thrown.line);
  }
  const text = thrown.name ? `${thrown.name}: ${thrown.message}` : thrown.message;
  return withLine(thrown.name === "SyntaxError" ? "syntax" : "runtime", text, thrown.line);
}

export function withLine(kind: SandboxError["kind"], text: string, line: number | undefined): SandboxError {
  return line === undefined ? { kind, message: text } : { kind, message: `Line ${line}: ${text}`, line };
}

export function isFatalError(error: SandboxError): boolean {
  return error.kind === "memory" || error.kind === "stack";
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
