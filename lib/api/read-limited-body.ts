import { DomainError } from "@/lib/errors";

export type RequestBody = Uint8Array | string | ReadableStream<Uint8Array> | null | undefined;

export function bodyTooLarge(limit: number): DomainError {
  return new DomainError("payload_too_large", `The request body is larger than ${limit} bytes.`, { status: 413 });
}

/**
 * Reads a body up to `limit` bytes, counting as the bytes arrive (a chunked body has no
 * Content-Length to trust); past it, cancels the upload and throws `tooLarge(limit)` (a 413), so
 * no more than `limit` bytes plus one chunk are ever held.
 */
export async function readLimitedBody(
  body: RequestBody,
  limit: number,
  tooLarge: (limit: number) => Error = bodyTooLarge,
): Promise<Buffer> {
  if (body === null || body === undefined) return Buffer.alloc(0);
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = Buffer.from(body);
    if (bytes.length > limit) throw tooLarge(limit);
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
        throw tooLarge(limit);
      }
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(parts);
}

/** A declared Content-Length over the limit is refused before a byte is read. */
export function declaredLengthExceeds(headers: Headers, limit: number): boolean {
  const declared = Number(headers.get("content-length") ?? "0");
  return Number.isFinite(declared) && declared > limit;
}
