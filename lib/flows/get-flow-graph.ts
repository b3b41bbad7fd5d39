import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { definitionToFlow, type FlowRows } from "./definition-to-flow";
import { emptyFlowRows, summariseFlowRows } from "./flow-totals";
import { loadFlowRows } from "./load-flow-rows";
import { readStoredDefinition } from "./schemas";
import type { FlowGraphInput } from "./view-schemas";

export async function findFlow(db: Db, organisationId: string, flowId: string) {
  const flow = await db.flow.findFirst({
    where: { id: flowId, organisationId },
    select: { id: true, name: true, createdAt: true, updatedAt: true, definition: true },
  });
  if (!flow) throw notFound("Flow");
  return flow;
}

export async function loadRowsOfFlow(db: Db, organisationId: string, flowId: string): Promise<FlowRows> {
  return (await loadFlowRows(db, organisationId)).get(flowId) ?? emptyFlowRows();
}

/** A flow as the canvas draws it: its nodes (with live figures) and edges, and its saved layout. */
export async function getFlowGraph(db: Db, organisationId: string, flowId: string): Promise<FlowGraphInput> {
  const { definition: stored, ...flow } = await findFlow(db, organisationId, flowId);
  const rows = await loadRowsOfFlow(db, organisationId, flowId);
  const definition = readStoredDefinition(stored);
  const { nodes, edges } = definitionToFlow(rows, definition);
  return { flow: { ...flow, ...summariseFlowRows(rows) }, definition, nodes, edges };
}
