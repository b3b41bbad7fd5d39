import type { Readable } from "node:stream";

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export interface ReadBody {
  bytes: Buffer;
  truncated: boolean;
}

/** The whole call ran past its deadline while the body was still arriving (slower than bodyTimeout, never idle that long). */
export class CallDeadlineError extends Error {
  readonly code = "FLOWGATE_CALL_TIMEOUT";
  constructor() {
    super("The answer was still arriving when the call's time ran out");
    this.name = "CallDeadlineError";
  }
}

/**
 * Reads at most maxBytes; a larger answer is cut (and the socket dropped) rather than buffered whole.
 * A body still arriving at `deadline` (epoch ms from performance.now()) is dropped with CallDeadlineError.
 */
export function readResponseBody(body: Readable, maxBytes: number, deadline = Number.POSITIVE_INFINITY): Promise<ReadBody> {
  // Stream events rather than `for await`: an async iterator per response costs measurable CPU at
  // thousands of calls a second.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on("data", (chunk: Uint8Array) => {
      if (performance.now() > deadline) {
        body.destroy(new CallDeadlineError());
        return;
      }
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (size + buffer.length > maxBytes) {
        chunks.push(buffer.subarray(0, maxBytes - size));
        body.destroy();
        resolve({ bytes: Buffer.concat(chunks), truncated: true });
        return;
      }
      chunks.push(buffer);
      size += buffer.length;
    });
    body.once("end", () => resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated: false }));
    body.once("error", reject);
  });
}

/** JSON when the answer says so (or looks like it), else the text. */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return null;
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[{[]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
