import type { IncomingMessage } from "node:http";
import type { BodyResult } from "./read-body";

// What the admin API shows of a request: never the token. Bodies over 64 KB are kept as a 2 KB
// preview, so 10,000 remembered requests per app cannot hold gigabytes.

const MAX_RECORDED_BODY = 64 * 1024;
const PREVIEW_BYTES = 2048;

export function recordableHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] =
      name === "authorization" ? redactAuthorization(String(value)) : Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function redactAuthorization(value: string): string {
  const scheme = value.split(" ")[0] ?? "";
  return scheme && scheme !== value ? `${scheme} [redacted]` : "[redacted]";
}

export function recordableBody(body: BodyResult, parsed: unknown, parsedOk: boolean): unknown {
  if (body.kind === "too_large") return { tooLarge: true, bytes: body.bytes };
  if (body.kind === "aborted") return null;
  if (body.raw.length > MAX_RECORDED_BODY) {
    return { truncated: true, bytes: body.raw.length, preview: body.raw.subarray(0, PREVIEW_BYTES).toString("utf8") };
  }
  if (parsedOk) return parsed ?? null;
  return body.raw.toString("utf8");
}

export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
