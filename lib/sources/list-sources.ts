import type { Db } from "@/lib/db/client";
import type { SourceSummary } from "./schemas";
import { sourceSummarySelect, toSourceSummary } from "./source-views";

/** The organisation's sources, newest first, each with its Nexset's size and its latest run. */
export async function listSources(
  db: Db,
  organisationId: string,
  filter: { flowId?: string } = {},
): Promise<SourceSummary[]> {
  const rows = await db.source.findMany({
    where: { organisationId, ...(filter.flowId ? { flowId: filter.flowId } : {}) },
    orderBy: { createdAt: "desc" },
    select: sourceSummarySelect,
  });
  return rows.map(toSourceSummary);
}
