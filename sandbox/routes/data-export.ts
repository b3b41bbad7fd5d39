import { z } from "zod";
import { IntercomError, parameterInvalid } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { newJobIdentifier } from "../state/ids";
import { type ExportJob, exportStatus } from "../state/jobs";
import type { SandboxApp } from "../state/sandbox-app";
import { buildExportFile, messagesInRange } from "./export-csv";

// Content data export: create a job, poll it from pending through in_progress to completed
// (over the app's export duration), then download a gzipped CSV. One active job per workspace.

const TWO_DAYS_MS = 2 * 86_400_000;

const createSchema = z.object({ created_at_after: z.number().int(), created_at_before: z.number().int() });

function statusOf(app: SandboxApp, job: ExportJob, nowMs: number) {
  return exportStatus(job, nowMs, () => messagesInRange(app, job.createdAtAfter, job.createdAtBefore).length > 0);
}

function presentJob(request: IntercomRequest, job: ExportJob) {
  const status = statusOf(request.app, job, request.nowMs);
  const done = status === "completed";
  return {
    job_identifier: job.id,
    status,
    download_url: done ? `${request.baseUrl}/download/content/data/${job.id}` : "",
    download_expires_at: done ? String(Math.floor((job.createdAtMs + job.durationMs + TWO_DAYS_MS) / 1000)) : "",
  };
}

function requireJob(app: SandboxApp, id: string | undefined): ExportJob {
  const job = id === undefined ? undefined : app.data.exportJobs.get(id);
  if (!job) throw new IntercomError(404, "job_not_found", "Job Not Found");
  return job;
}

function createExport(request: IntercomRequest) {
  const { app, body, nowMs, registry } = request;
  const input = parseBody(createSchema, body);
  if (input.created_at_after > input.created_at_before)
    throw parameterInvalid("created_at_after must be before created_at_before");
  for (const job of app.data.exportJobs.values()) {
    const status = statusOf(app, job, nowMs);
    if (status === "pending" || status === "in_progress") {
      throw new IntercomError(429, "rate_limit_exceeded", "Exceeded rate limit of 1 pending message data export jobs");
    }
  }
  const job: ExportJob = {
    id: newJobIdentifier(),
    createdAtMs: nowMs,
    durationMs: registry.exportDurationFor(app),
    createdAtAfter: input.created_at_after,
    createdAtBefore: input.created_at_before,
    canceled: false,
  };
  app.data.exportJobs.set(job.id, job);
  return ok(presentJob(request, job));
}

function showExport(request: IntercomRequest) {
  return ok(presentJob(request, requireJob(request.app, request.params.job_identifier)));
}

function cancelExport(request: IntercomRequest) {
  const job = requireJob(request.app, request.params.job_identifier);
  const status = statusOf(request.app, job, request.nowMs);
  if (status === "pending" || status === "in_progress") job.canceled = true;
  return ok(presentJob(request, job));
}

function downloadExport(request: IntercomRequest) {
  const { app, nowMs } = request;
  const job = requireJob(app, request.params.job_identifier);
  const status = statusOf(app, job, nowMs);
  if (status !== "completed")
    throw parameterInvalid(`Export job ${job.id} is not ready for download (status: ${status})`);
  const data = buildExportFile(app, messagesInRange(app, job.createdAtAfter, job.createdAtBefore));
  return {
    status: 200,
    bytes: {
      data,
      contentType: "application/octet-stream",
      headers: { "Content-Disposition": `attachment; filename="${job.id}.csv.gz"` },
    },
  };
}

export const dataExportRoutes: IntercomRoute[] = [
  { method: "POST", path: "/export/content/data", handler: createExport },
  { method: "GET", path: "/export/content/data/{job_identifier}", handler: showExport },
  { method: "POST", path: "/export/cancel/{job_identifier}", handler: cancelExport },
  { method: "GET", path: "/download/content/data/{job_identifier}", handler: downloadExport },
];
