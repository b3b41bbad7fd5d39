import type { Prisma } from "@/lib/generated/prisma/client";
import type { SourceKind, SourceRunStatus, SourceRunSummary, SourceSummary } from "./schemas";

// What list and detail queries select, and how a row becomes the summary the UI shows.

export const runSummarySelect = {
  id: true,
  status: true,
  recordsAdded: true,
  error: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.SourceRunSelect;

export const sourceSummarySelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  statusMessage: true,
  flowId: true,
  scheduleMinutes: true,
  nextRunAt: true,
  originDestinationId: true,
  createdAt: true,
  nexset: { select: { id: true, recordCount: true } },
  runs: { orderBy: { startedAt: "desc" }, take: 1, select: runSummarySelect },
} satisfies Prisma.SourceSelect;

type RunRow = Prisma.SourceRunGetPayload<{ select: typeof runSummarySelect }>;
type SummaryRow = Prisma.SourceGetPayload<{ select: typeof sourceSummarySelect }>;

export function toRunSummary(run: RunRow): SourceRunSummary {
  return { ...run, status: run.status as SourceRunStatus };
}

export function toSourceSummary(row: SummaryRow): SourceSummary {
  const { nexset, runs, ...rest } = row;
  const lastRun = runs[0];
  return {
    ...rest,
    kind: row.kind as SourceKind,
    nexsetId: nexset?.id ?? null,
    recordCount: nexset?.recordCount ?? 0,
    lastRun: lastRun ? toRunSummary(lastRun) : null,
  };
}
