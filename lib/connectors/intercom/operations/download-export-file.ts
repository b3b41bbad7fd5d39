import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { DomainError } from "@/lib/errors";
import { sendIntercomRequest } from "../client";
import { IntercomCallError, type IntercomContext, sleep, waitBeforeRetry } from "./context";

// A content export's download, streamed to a file: its size is bounded as it arrives (a larger one is
// refused, not buffered), and a download that ends before its Content-Length is noticed and tried
// again from the start. The caller decompresses and parses the file as a stream, with its own limit
// on the decompressed size (lib/sources/intercom/export-limits.ts).

export interface DownloadedFile {
  bytes: number;
  contentType: string | undefined;
}

const ATTEMPTS = 3;

export async function downloadContentExportToFile(
  ctx: IntercomContext,
  jobIdentifier: string,
  target: { path: string; maxBytes: number },
): Promise<DownloadedFile> {
  for (let attempt = 1; ; attempt++) {
    const file = createWriteStream(target.path);
    let result: Awaited<ReturnType<typeof sendIntercomRequest>>;
    try {
      result = await sendIntercomRequest({
        method: "GET",
        path: `/download/content/data/${encodeURIComponent(jobIdentifier)}`,
        accept: "application/octet-stream",
        responseType: "buffer",
        baseUrl: ctx.baseUrl,
        token: ctx.token,
        version: ctx.version,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
        maxResponseBytes: target.maxBytes,
        sink: file,
      });
    } finally {
      file.end();
      await finished(file).catch(() => undefined);
    }
    ctx.onCall?.(result);
    if (result.outcome === "success") {
      const bytes = (await stat(target.path)).size;
      if (result.errorMessage?.includes("truncated"))
        throw new DomainError(
          "export_too_large",
          `Intercom content export ${jobIdentifier} is larger than the ${megabytes(target.maxBytes)} a download may be (FLOWGATE_EXPORT_MAX_DOWNLOAD_BYTES); nothing was kept`,
          { status: 422 },
        );
      const expected = Number(result.headers["content-length"]);
      const short = Number.isFinite(expected) && result.headers["content-length"] !== undefined && bytes !== expected;
      if (!short) return { bytes, contentType: result.headers["content-type"] };
      if (attempt >= ATTEMPTS)
        throw new DomainError(
          "export_truncated",
          `The download of Intercom content export ${jobIdentifier} ended early (${bytes} of ${expected} bytes), ${ATTEMPTS} times; nothing was kept`,
          { status: 502 },
        );
      continue;
    }
    const retryable = result.outcome === "retry" || result.outcome === "rate_limited";
    if (!retryable || attempt >= ATTEMPTS || ctx.signal?.aborted) {
      if (retryable)
        throw new DomainError(
          "export_truncated",
          `The download of Intercom content export ${jobIdentifier} failed or ended early ${ATTEMPTS} times (${result.errorMessage ?? result.outcome}); nothing was kept`,
          { status: 502 },
        );
      throw new IntercomCallError(result);
    }
    await sleep(waitBeforeRetry(result, attempt, ctx.maxWaitMs ?? 60_000), ctx.signal);
  }
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
