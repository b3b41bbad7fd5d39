import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { definitionToFlow, flowToDefinition } from "./definition-to-flow";
import { findFlow, getFlowGraph, loadRowsOfFlow } from "./get-flow-graph";
import { readStoredDefinition, updateFlowSchema, type FlowDefinition } from "./schemas";
import type { FlowGraphInput } from "./view-schemas";

/**
 * Keeps only positions of nodes that exist in the flow now: a canvas that was open while a node
 * was deleted elsewhere saves without error, and the definition never names rows it does not show.
 */
function pruneDefinition(definition: FlowDefinition, existing: ReadonlySet<string>): FlowDefinition {
  return { version: definition.version, nodes: definition.nodes.filter((node) => existing.has(node.id)) };
}

/** Renames a flow and/or saves its layout (the canvas sends the whole definition after a drag). */
export async function updateFlow(
  db: Db,
  organisationId: string,
  flowId: string,
  input: unknown,
): Promise<FlowGraphInput> {
  const changes = parseInput(updateFlowSchema, input);
  await findFlow(db, organisationId, flowId);
  const data: Prisma.FlowUpdateInput = {};
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.definition !== undefined) {
    const rows = await loadRowsOfFlow(db, organisationId, flowId);
    const existing = new Set(definitionToFlow(rows, readStoredDefinition(null)).nodes.map((n) => n.id));
    data.definition = pruneDefinition(changes.definition, existing);
  }
  await db.flow.updateMany({ where: { id: flowId, organisationId }, data });
  return getFlowGraph(db, organisationId, flowId);
}

/** Saves the positions the canvas shows right now for every node (the seed and new flows use it). */
export async function freezeFlowLayout(db: Db, organisationId: string, flowId: string): Promise<FlowDefinition> {
  const graph = await getFlowGraph(db, organisationId, flowId);
  const definition = flowToDefinition(graph.nodes);
  await db.flow.updateMany({ where: { id: flowId, organisationId }, data: { definition } });
  return definition;
}
