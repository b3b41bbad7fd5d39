import { IntercomError } from "../http/errors";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { onlyPreview } from "../intercom/versions";
import { type BulkJob, type BulkKind, type BulkTask, bulkJobState, bulkTaskState } from "../state/jobs";
import { unixSeconds } from "../state/ids";
import type { SandboxApp } from "../state/sandbox-app";
import { completeBulkTask } from "./bulk-apply";

// Preview bulk contacts: up to 100 items per call become a task of an async job (new, or appended
// to `job.id`); GET /contacts/bulk/{id} reports the job and its tasks. Validation errors are 422s
// with the codes and wording of preview.yaml.

export const MAX_BULK_ITEMS = 100;

const unprocessable = (code: string, message: string) => new IntercomError(422, code, message);

function readItems(body: unknown, kind: BulkKind): Record<string, unknown>[] {
  const contacts = body !== null && typeof body === "object" ? (body as Record<string, unknown>).contacts : undefined;
  if (contacts === undefined) throw unprocessable("field_not_found", "contacts field must be supplied");
  if (!Array.isArray(contacts)) throw unprocessable("type_mismatch", "contacts must be an array");
  if (contacts.length > MAX_BULK_ITEMS)
    throw unprocessable("parameter_invalid", `maximum number of contacts per request is ${MAX_BULK_ITEMS}`);
  if (contacts.some((c) => c === null || typeof c !== "object" || Array.isArray(c)))
    throw unprocessable("type_mismatch", "each contact must be an object");
  const items = contacts as Record<string, unknown>[];
  if (kind !== "create" && items.some((c) => typeof c.id !== "string" || c.id === ""))
    throw unprocessable("field_not_found", "contacts must be identified by id");
  return items;
}

function targetJob(app: SandboxApp, body: unknown, nowMs: number): BulkJob {
  const job = body !== null && typeof body === "object" ? (body as Record<string, unknown>).job : undefined;
  const jobId = job !== null && typeof job === "object" ? (job as Record<string, unknown>).id : undefined;
  if (jobId === undefined) {
    const created: BulkJob = { id: `job_v2_${app.data.ids.take("bulk_job")}`, createdAtMs: nowMs, tasks: [] };
    app.data.bulkJobs.set(created.id, created);
    return created;
  }
  const existing = typeof jobId === "string" ? app.data.bulkJobs.get(jobId) : undefined;
  if (!existing) throw new IntercomError(404, "job_not_found", `job ${String(jobId)} not found`);
  const state = bulkJobState(existing, nowMs);
  if (state === "completed" || state === "completed_with_errors") {
    throw new IntercomError(403, "forbidden", `job ${existing.id} is closed for new task updates`);
  }
  return existing;
}

/** Settles tasks whose time has come, in case their timer has not fired yet. */
function settle(app: SandboxApp, job: BulkJob, nowMs: number, searchIndexLagMs: number): void {
  for (const task of job.tasks)
    if (!task.results && nowMs >= task.completesAtMs) completeBulkTask(app, task, task.completesAtMs, searchIndexLagMs);
}

function presentJob(request: IntercomRequest, job: BulkJob) {
  settle(request.app, job, request.nowMs, request.registry.searchIndexLagFor(request.app));
  const state = bulkJobState(job, request.nowMs);
  const done = state === "completed" || state === "completed_with_errors";
  const lastChange = Math.max(
    job.createdAtMs,
    ...job.tasks.map((t) =>
      t.results ? t.completesAtMs : request.nowMs >= t.startsAtMs ? t.startsAtMs : t.createdAtMs,
    ),
  );
  return {
    id: job.id,
    type: "contacts.bulk.job",
    state,
    created_at: unixSeconds(job.createdAtMs),
    updated_at: unixSeconds(lastChange),
    completed_at: done ? unixSeconds(lastChange) : null,
    tasks: job.tasks.map((task) => ({
      id: task.id,
      item_count: task.items.length,
      state: bulkTaskState(task, request.nowMs),
      created_at: unixSeconds(task.createdAtMs),
      started_at: request.nowMs >= task.startsAtMs ? unixSeconds(task.startsAtMs) : null,
      completed_at: task.results ? unixSeconds(task.completesAtMs) : null,
    })),
    url: `${request.baseUrl}/contacts/bulk/${job.id}`,
  };
}

function submitBulk(kind: BulkKind) {
  return (request: IntercomRequest) => {
    const { app, body, nowMs, registry, scheduler } = request;
    const items = readItems(body, kind);
    const job = targetJob(app, body, nowMs);
    const duration = registry.bulkDurationFor(app);
    const task: BulkTask = {
      id: `task_v2_${app.data.ids.take("bulk_task")}`,
      kind,
      items,
      createdAtMs: nowMs,
      startsAtMs: nowMs + duration / 2,
      completesAtMs: nowMs + duration,
    };
    job.tasks.push(task);
    const data = app.data;
    scheduler.schedule(duration, () => {
      // A reset in the meantime replaced the app's data: the job is gone, nothing to apply.
      if (app.data === data) completeBulkTask(app, task, task.completesAtMs, registry.searchIndexLagFor(app));
    });
    return { status: 202, body: presentJob(request, job) };
  };
}

function showBulkJob(request: IntercomRequest) {
  const job = request.app.data.bulkJobs.get(request.params.id ?? "");
  if (!job) throw new IntercomError(404, "job_not_found", `job ${request.params.id ?? ""} not found`);
  return ok(presentJob(request, job));
}

export const bulkContactRoutes: IntercomRoute[] = [
  { method: "POST", path: "/contacts/bulk", handler: submitBulk("create"), availableIn: onlyPreview },
  { method: "PUT", path: "/contacts/bulk", handler: submitBulk("update"), availableIn: onlyPreview },
  { method: "POST", path: "/contacts/bulk/delete", handler: submitBulk("delete"), availableIn: onlyPreview },
  { method: "GET", path: "/contacts/bulk/{id}", handler: showBulkJob, availableIn: onlyPreview },
];
