// Asynchronous Intercom jobs. Their state is a function of elapsed time, so a poll always sees the
// state Intercom would report at that moment, without timers for the export.

export type ExportStatus = "pending" | "in_progress" | "completed" | "no_data" | "canceled" | "failed";

export interface ExportJob {
  id: string;
  createdAtMs: number;
  durationMs: number;
  createdAtAfter: number;
  createdAtBefore: number;
  canceled: boolean;
}

export function exportStatus(job: ExportJob, nowMs: number, hasRows: () => boolean): ExportStatus {
  if (job.canceled) return "canceled";
  const elapsed = nowMs - job.createdAtMs;
  if (elapsed < job.durationMs / 3) return "pending";
  if (elapsed < job.durationMs) return "in_progress";
  return hasRows() ? "completed" : "no_data";
}

export type BulkKind = "create" | "update" | "delete";
export type BulkState = "pending" | "running" | "completed" | "completed_with_errors";

export interface BulkItemResult {
  index: number;
  outcome: "created" | "updated" | "deleted" | "rejected";
  contactId?: string;
  error?: { code: string; message: string };
}

export interface BulkTask {
  id: string;
  kind: BulkKind;
  items: Record<string, unknown>[];
  createdAtMs: number;
  startsAtMs: number;
  completesAtMs: number;
  results?: BulkItemResult[];
}

export interface BulkJob {
  id: string;
  createdAtMs: number;
  tasks: BulkTask[];
}

export function bulkTaskState(task: BulkTask, nowMs: number): BulkState {
  if (task.results) return task.results.some((r) => r.outcome === "rejected") ? "completed_with_errors" : "completed";
  return nowMs >= task.startsAtMs ? "running" : "pending";
}

export function bulkJobState(job: BulkJob, nowMs: number): BulkState {
  const states = job.tasks.map((t) => bulkTaskState(t, nowMs));
  if (states.some((s) => s === "running")) return "running";
  if (states.every((s) => s === "pending")) return "pending";
  if (states.some((s) => s === "pending")) return "running";
  return states.includes("completed_with_errors") ? "completed_with_errors" : "completed";
}
