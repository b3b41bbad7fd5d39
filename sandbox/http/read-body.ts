import type { IncomingMessage } from "node:http";

export const MAX_BODY_BYTES = 1024 * 1024;
// Past this we stop draining and drop the connection: an oversized body is answered, an endless one is cut.
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

export type BodyResult = { kind: "ok"; raw: Buffer } | { kind: "too_large"; bytes: number } | { kind: "aborted" };

/** Reads the whole body; past the limit keeps draining (so a 413 can be answered on the same connection). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
      else if (bytes > MAX_DRAIN_BYTES) {
        req.destroy();
        resolve({ kind: "aborted" });
      }
    });
    req.on("end", () => {
      if (bytes > limit) resolve({ kind: "too_large", bytes });
      else resolve({ kind: "ok", raw: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    });
    req.on("error", () => resolve({ kind: "aborted" }));
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Empty body → undefined; otherwise strict JSON. */
export function parseJson(raw: Buffer): JsonResult {
  if (raw.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw.toString("utf8")) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "invalid JSON" };
  }
}
