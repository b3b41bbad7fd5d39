import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { callIntercom, type IntercomContext, sleep } from "./context";

// Tray's content data export: create the job, poll until it is done, then download the CSV.

const jobSchema = z.looseObject({
  job_identifier: z.string().min(1),
  status: z.string(),
  download_url: z.string().nullish(),
  download_expires_at: z.union([z.string(), z.number()]).nullish(),
});
export type ContentExportJob = z.infer<typeof jobSchema>;

const FINISHED = new Set(["completed", "no_data"]);
const FAILED = new Set(["failed", "canceled", "cancelled"]);

export interface ContentExportOptions {
  /** Unix seconds. */
  createdAtAfter: number;
  createdAtBefore: number;
  /** First wait between status checks (default 1 s), growing ×1.5 up to maxPollIntervalMs (default 30 s). */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Give up waiting after this long (default 15 min). */
  timeoutMs?: number;
}

export interface ContentExportDownload {
  /** The bytes as Intercom sent them (usually gzip). */
  bytes: Buffer;
  contentType: string | undefined;
  /** The CSV text, unzipped when it was gzip. */
  csv: string;
}

export async function createContentExport(
  ctx: IntercomContext,
  range: { createdAtAfter: number; createdAtBefore: number },
) {
  const result = await callIntercom(ctx, {
    method: "POST",
    path: "/export/content/data",
    body: { created_at_after: range.createdAtAfter, created_at_before: range.createdAtBefore },
  });
  return parseJob(result.body);
}

export async function getContentExportStatus(ctx: IntercomContext, jobIdentifier: string) {
  const result = await callIntercom(ctx, {
    method: "GET",
    path: `/export/content/data/${encodeURIComponent(jobIdentifier)}`,
  });
  return parseJob(result.body);
}

/** Polls with a growing interval until the job is completed (or has no data); failure or timeout throws. */
export async function waitForContentExport(
  ctx: IntercomContext,
  jobIdentifier: string,
  options: Omit<ContentExportOptions, "createdAtAfter" | "createdAtBefore"> = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  let interval = options.pollIntervalMs ?? 1_000;
  for (let polls = 1; ; polls++) {
    const job = await getContentExportStatus(ctx, jobIdentifier);
    if (FINISHED.has(job.status)) return { job, polls };
    if (FAILED.has(job.status)) {
      throw new DomainError("export_failed", `Intercom content export ${jobIdentifier} ended as "${job.status}"`, {
        status: 502,
      });
    }
    if (Date.now() + interval > deadline || ctx.signal?.aborted) {
      throw new DomainError(
        "export_timeout",
        `Intercom content export ${jobIdentifier} was still "${job.status}" after ${polls} checks`,
        {
          status: 504,
        },
      );
    }
    await sleep(interval, ctx.signal);
    interval = Math.min(options.maxPollIntervalMs ?? 30_000, Math.round(interval * 1.5));
  }
}

export async function downloadContentExport(
  ctx: IntercomContext,
  jobIdentifier: string,
): Promise<ContentExportDownload> {
  const result = await callIntercom(ctx, {
    method: "GET",
    path: `/download/content/data/${encodeURIComponent(jobIdentifier)}`,
    accept: "application/octet-stream",
    responseType: "buffer",
    maxResponseBytes: 512 * 1024 * 1024,
  });
  const bytes = result.bodyBytes ?? Buffer.alloc(0);
  return { bytes, contentType: result.headers["content-type"], csv: decodeCsv(bytes) };
}

/** Create → poll → download. A job that ends with no_data downloads nothing and returns an empty CSV. */
export async function runContentExport(ctx: IntercomContext, options: ContentExportOptions) {
  const created = await createContentExport(ctx, options);
  const { job, polls } = FINISHED.has(created.status)
    ? { job: created, polls: 0 }
    : await waitForContentExport(ctx, created.job_identifier, options);
  if (job.status === "no_data")
    return { job, polls, download: { bytes: Buffer.alloc(0), contentType: undefined, csv: "" } };
  return { job, polls, download: await downloadContentExport(ctx, job.job_identifier) };
}

function parseJob(body: unknown): ContentExportJob {
  const parsed = jobSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError(
      "intercom_unexpected_answer",
      "Intercom's content export answer has no job_identifier/status",
      { status: 502 },
    );
  }
  return parsed.data;
}

/** The most CSV text a buffered download is unzipped into (the source runs stream to a file instead). */
export const MAX_BUFFERED_CSV_BYTES = 256 * 1024 * 1024;

export function decodeCsv(bytes: Buffer, maxBytes = MAX_BUFFERED_CSV_BYTES): string {
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzipped) return bytes.toString("utf8");
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes }).toString("utf8");
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
    throw new DomainError(
      tooLarge ? "export_too_large" : "export_not_gzip",
      tooLarge
        ? `The content export is larger than ${Math.round(maxBytes / (1024 * 1024))} MB once decompressed`
        : `The content export is not valid gzip (${(error as Error).message})`,
      { status: 422 },
    );
  }
}
