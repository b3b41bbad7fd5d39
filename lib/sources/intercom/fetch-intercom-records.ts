import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { listCompanies } from "@/lib/connectors/intercom/operations/list-companies";
import { listContacts } from "@/lib/connectors/intercom/operations/list-contacts";
import { createContentExport, waitForContentExport } from "@/lib/connectors/intercom/operations/content-export";
import { downloadContentExportToFile } from "@/lib/connectors/intercom/operations/download-export-file";
import type { IntercomContext } from "@/lib/connectors/intercom/operations/context";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { MAX_RECORD_BYTES, tooLargeRecord } from "@/lib/nexsets/record-size";
import { openFileRecords, type FileRecords } from "../file/open-file-records";
import type { RunStepLog } from "../runs/run-step-log";
import type { IntercomSourceConfig } from "../schemas";
import { exportLimits } from "./export-limits";
import { EXPORT_WINDOW_STEP, resolveExportWindow } from "./export-window";

/** A problem with the export's file (too large once decompressed, not gzip, cut short) as a run error naming the export. */
function exportFileError(jobIdentifier: string, error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return new DomainError(error.code, `Intercom content export ${jobIdentifier}: ${error.message}; nothing was kept`, {
    status: 422,
  });
}

/** How a fetch hands its records to the commit: opened inside the transaction, read once. */
export type OpenRecords = () => Promise<FileRecords | undefined>;

export interface ExportPolling {
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  timeoutMs?: number;
}

/**
 * Walks every page of a list and spools the items to an NDJSON file on disk: the run holds no
 * database connection while it talks to Intercom, and memory stays flat however long the list.
 */
export async function spoolListPages(
  ctx: IntercomContext,
  config: IntercomSourceConfig,
  steps: RunStepLog,
  spoolPath: string,
): Promise<OpenRecords> {
  const out = createWriteStream(spoolPath);
  const pages =
    config.operation === "list_companies"
      ? listCompanies(ctx, { perPage: config.perPage })
      : listContacts(ctx, { perPage: config.perPage });
  let items = 0;
  let pageCount = 0;
  try {
    for await (const page of pages) {
      pageCount++;
      for (const item of page.items) {
        items++;
        const json = JSON.stringify(item);
        const bytes = json.length * 3 > MAX_RECORD_BYTES ? Buffer.byteLength(json) : 0;
        if (bytes > MAX_RECORD_BYTES) throw itemTooLarge(config, item, pageCount, bytes);
        if (!out.write(`${json}\n`)) await once(out, "drain");
      }
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  steps.add({
    step: "Fetched every page",
    input: { operation: config.operation, perPage: config.perPage },
    output: { pages: pageCount, records: items },
  });
  if (items === 0) return async () => undefined;
  return () => openFileRecords(createReadStream(spoolPath), { format: "ndjson" });
}

function itemTooLarge(config: IntercomSourceConfig, item: unknown, page: number, bytes: number): DomainError {
  const kind = config.operation === "list_companies" ? "company" : "contact";
  const id = (item as { id?: unknown } | null)?.id;
  const what = `Intercom's ${kind}${typeof id === "string" ? ` ${id}` : ""} on page ${page}`;
  return new DomainError("record_too_large", `${tooLargeRecord(bytes, what)}; nothing was kept`, { status: 422 });
}

async function* namingExport(jobIdentifier: string, batches: FileRecords["batches"]): FileRecords["batches"] {
  try {
    yield* batches;
  } catch (error) {
    throw exportFileError(jobIdentifier, error);
  }
}

/** Content data export: create the job, poll it with backoff until it completes, download the gzipped CSV. */
export async function fetchContentExport(
  db: Db,
  sourceId: string,
  ctx: IntercomContext,
  config: IntercomSourceConfig,
  steps: RunStepLog,
  polling: ExportPolling,
  spoolPath: string,
): Promise<OpenRecords> {
  const window = await resolveExportWindow(db, sourceId, config);
  steps.add({
    step: EXPORT_WINDOW_STEP,
    input: window,
    output: {
      from: new Date(window.createdAtAfter * 1000).toISOString(),
      to: new Date(window.createdAtBefore * 1000).toISOString(),
    },
  });
  const created = await createContentExport(ctx, window);
  const finished = created.status === "completed" || created.status === "no_data";
  const { job, polls } = finished
    ? { job: created, polls: 0 }
    : await waitForContentExport(ctx, created.job_identifier, polling);
  steps.add({ step: "Export job finished", input: { job: job.job_identifier }, output: { status: job.status, polls } });
  if (job.status === "no_data") return async () => undefined;
  // To a file, not memory; decompressed and parsed as a stream when the records are appended.
  const limits = exportLimits();
  const download = await downloadContentExportToFile(ctx, job.job_identifier, {
    path: spoolPath,
    maxBytes: limits.maxDownloadBytes,
  });
  steps.add({ step: "Downloaded the export", input: { job: job.job_identifier }, output: { bytes: download.bytes } });
  if (download.bytes === 0) return async () => undefined;
  return () =>
    openFileRecords(createReadStream(spoolPath), {
      fileName: `${job.job_identifier}.csv.gz`,
      format: "csv",
      allowNoRows: true,
      maxBytes: limits.maxCsvBytes,
    }).then(
      (file) => ({ ...file, batches: namingExport(job.job_identifier, file.batches) }),
      (error: unknown) => {
        throw exportFileError(job.job_identifier, error);
      },
    );
}
