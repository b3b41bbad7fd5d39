import type { Readable } from "node:stream";

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export interface ReadBody {
  bytes: Buffer;
  truncated: boolean;
}

/** Reads at most maxBytes; a larger answer is cut (and the socket dropped) rather than buffered whole. */
export async function readResponseBody(body: Readable & AsyncIterable<Uint8Array>, maxBytes: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.from(chunk);
    if (size + buffer.length > maxBytes) {
      chunks.push(buffer.subarray(0, maxBytes - size));
      body.destroy();
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
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
