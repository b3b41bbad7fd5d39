import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { fileError } from "./file-error";

/** Anything a file can arrive as: a Node Readable, a web ReadableStream (a Request body), chunks, or bytes. */
export type ByteInput =
  ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> | Uint8Array | string;

function isWebStream(input: ByteInput): input is ReadableStream<Uint8Array> {
  return typeof (input as ReadableStream<Uint8Array>).getReader === "function";
}

export async function* iterateBytes(input: ByteInput): AsyncGenerator<Uint8Array> {
  if (typeof input === "string" || input instanceof Uint8Array) {
    if (input.length > 0) yield typeof input === "string" ? Buffer.from(input) : input;
    return;
  }
  if (isWebStream(input)) {
    const reader = input.getReader();
    let done = false;
    try {
      while (!done) {
        const next = await reader.read();
        done = next.done;
        if (next.value) yield next.value;
      }
    } finally {
      // Stopping early (a bad row) must also stop the upload from being read further.
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
    return;
  }
  for await (const chunk of input) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}

export interface PeekedBytes {
  head: Buffer;
  /** True when the whole input is in `head`. */
  ended: boolean;
  /** The whole input again, `head` first. */
  bytes: AsyncGenerator<Uint8Array>;
  /** Stops reading the input (and cancels an upload) when `bytes` will not be read. */
  close(): Promise<void>;
}

/** Reads at least the first `size` bytes (or all of a shorter input) to sniff the format, without losing them. */
export async function peekBytes(source: AsyncGenerator<Uint8Array>, size: number): Promise<PeekedBytes> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (!ended) yield* source;
  }
  const close = async () => void (await source.return(undefined));
  return { head, ended, bytes: replay(), close };
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Decompresses a gzip stream; the decompressed size is capped so a gzip bomb is refused. */
export async function* gunzipBytes(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  const input = Readable.from(source);
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw fileError(`the file is larger than ${formatBytes(maxBytes)} once decompressed`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof Error && "errno" in error) throw fileError(`the file is not valid gzip (${error.message})`);
    throw error;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** Decodes UTF-8 (a BOM is dropped); bytes that are not UTF-8 are refused, not replaced. */
export async function* decodeUtf8(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  try {
    for await (const chunk of source) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
      offset += chunk.length;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError)
      throw fileError(`the file is not UTF-8 text (an invalid byte sequence after byte ${offset})`);
    throw error;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
