import type { Db } from "@/lib/db/client";
import { emptyFlowRows, summariseFlowRows } from "./flow-totals";
import { loadFlowRows } from "./load-flow-rows";
import type { FlowSummaryInput } from "./view-schemas";

/** The organisation's flows, newest first, each with its counts, status and records delivered today. */
export async function listFlows(db: Db, organisationId: string): Promise<FlowSummaryInput[]> {
  const [flows, rows] = await Promise.all([
    db.flow.findMany({
      where: { organisationId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, name: true, createdAt: true, updatedAt: true },
    }),
    loadFlowRows(db, organisationId),
  ]);
  return flows.map((flow) => ({ ...flow, ...summariseFlowRows(rows.get(flow.id) ?? emptyFlowRows()) }));
}
