import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { formatBytes, iterateBytes, type ByteInput } from "./byte-stream";
import { fileError } from "./file-error";

// An upload arrives at the sender's pace, which can be minutes. It is written to a temporary file
// first, so nothing of the database (a connection, a transaction) waits on the network; the
// records are then read from local disk at disk speed.

export interface SpooledFile {
  path: string;
  bytes: number;
  /** Deletes the temporary file; the caller runs it in its `finally`. */
  remove(): Promise<void>;
}

export async function spoolUpload(input: ByteInput, maxBytes: number): Promise<SpooledFile> {
  const dir = await mkdtemp(path.join(process.env.FLOWGATE_UPLOAD_DIR ?? tmpdir(), "flowgate-upload-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, "upload");
  const out = createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  try {
    for await (const chunk of iterateBytes(input)) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw fileError(`the file is larger than the ${formatBytes(maxBytes)} upload limit`);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await finished(out);
    return { path: file, bytes, remove };
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
}
