import { DomainError } from "@/lib/errors";
import { formatBytes } from "../file/byte-stream";

export type WebhookBody = Uint8Array | string | ReadableStream<Uint8Array> | null | undefined;

export function payloadTooLarge(limit: number): DomainError {
  return new DomainError("payload_too_large", `The body is larger than this webhook's ${formatBytes(limit)} limit`, {
    status: 413,
  });
}

/** Reads a body up to `limit` bytes; past it, stops reading (cancelling the upload) with a 413. */
export async function readLimitedBody(body: WebhookBody, limit: number): Promise<Buffer> {
  if (body === null || body === undefined) return Buffer.alloc(0);
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = Buffer.from(body);
    if (bytes.length > limit) throw payloadTooLarge(limit);
    return bytes;
  }
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw payloadTooLarge(limit);
      }
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(parts);
}
