import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { listRunsQuerySchema, sourceRunStepsSchema, type SourceRunStatus, type SourceRunView } from "./schemas";

const runSelect = {
  id: true,
  sourceId: true,
  status: true,
  recordsAdded: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  steps: true,
} as const;

function toRunView(run: {
  id: string;
  sourceId: string;
  status: string;
  recordsAdded: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  steps: unknown;
}): SourceRunView {
  const steps = sourceRunStepsSchema.safeParse(run.steps);
  return { ...run, status: run.status as SourceRunStatus, steps: steps.success ? steps.data : [] };
}

/** A source's runs, newest first, each with its steps (input and output) for the debug view. */
export async function listSourceRuns(
  db: Db,
  organisationId: string,
  sourceId: string,
  query: unknown = {},
): Promise<{ runs: SourceRunView[]; nextCursor: string | null }> {
  const { limit, before } = parseInput(listRunsQuerySchema, query);
  const source = await db.source.findFirst({ where: { id: sourceId, organisationId }, select: { id: true } });
  if (!source) throw notFound("Source");
  const rows = await db.sourceRun.findMany({
    where: { sourceId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    select: runSelect,
  });
  const page = rows.slice(0, limit);
  return { runs: page.map(toRunView), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

/** One run with its steps; a run of another organisation's source is not found. */
export async function getSourceRun(db: Db, organisationId: string, runId: string): Promise<SourceRunView> {
  const run = await db.sourceRun.findFirst({ where: { id: runId, source: { organisationId } }, select: runSelect });
  if (!run) throw notFound("Source run");
  return toRunView(run);
}
