import { flowNodeId, type FlowDefinition, type FlowNodeKind, type Position } from "./schemas";
import type {
  DestinationNodeData,
  FlowGraphEdge,
  FlowGraphNode,
  FlowNodeData,
  NexsetNodeData,
  ResponseSourceNodeData,
  SourceNodeData,
} from "./view-schemas";

/** The rows of one flow, already shaped as what their nodes show. Order is creation order. */
export interface FlowRows {
  sources: (SourceNodeData | ResponseSourceNodeData)[];
  nexsets: NexsetNodeData[];
  destinations: DestinationNodeData[];
}

export interface DerivedFlow {
  nodes: FlowGraphNode[];
  edges: FlowGraphEdge[];
}

export const COLUMN_WIDTH = 300;
export const ROW_HEIGHT = 180;

const idOf = (data: FlowNodeData) => flowNodeId(data.kind, data.refId);
// Where a node with nothing upstream sits when it has no saved position.
const ROOT_DEPTH: Record<FlowNodeKind, number> = { source: 0, nexset: 1, destination: 2, response_source: 3 };

function buildChildren(rows: FlowRows): {
  children: Map<string, string[]>;
  edges: FlowGraphEdge[];
  hasParent: Set<string>;
} {
  const children = new Map<string, string[]>();
  const edges: FlowGraphEdge[] = [];
  const hasParent = new Set<string>();
  const nexsetIds = new Set(rows.nexsets.map((n) => n.refId));
  const sourceKinds = new Map(rows.sources.map((s) => [s.refId, s.kind]));
  const destinationIds = new Set(rows.destinations.map((d) => d.refId));
  const link = (source: string, target: string) => {
    edges.push({ id: `${source}->${target}`, source, target });
    children.set(source, [...(children.get(source) ?? []), target]);
    hasParent.add(target);
  };
  for (const nexset of rows.nexsets) {
    const kind = sourceKinds.get(nexset.sourceId);
    if (kind) link(flowNodeId(kind, nexset.sourceId), idOf(nexset));
  }
  for (const destination of rows.destinations) {
    if (nexsetIds.has(destination.nexsetId)) link(flowNodeId("nexset", destination.nexsetId), idOf(destination));
  }
  for (const source of rows.sources) {
    if (source.kind === "response_source" && destinationIds.has(source.originDestinationId)) {
      link(flowNodeId("destination", source.originDestinationId), idOf(source));
    }
  }
  return { children, edges, hasParent };
}

/**
 * React Flow nodes and edges for a flow: one node per row, edges from the rows' links
 * (source → its Nexset → destinations on it → a destination's response source → its Nexset → …).
 * A node takes its saved position from the definition; one without keeps its automatic place
 * relative to its upstream node, so adding a node never moves the ones the user arranged.
 * Definition entries for rows that no longer exist are ignored.
 */
export function definitionToFlow(rows: FlowRows, definition: FlowDefinition): DerivedFlow {
  const all: FlowNodeData[] = [...rows.sources, ...rows.nexsets, ...rows.destinations];
  const byId = new Map(all.map((data) => [idOf(data), data]));
  const saved = new Map(definition.nodes.map((n) => [n.id, n.position]));
  const { children, edges, hasParent } = buildChildren(rows);

  const auto = new Map<string, Position>();
  const final = new Map<string, Position>();
  const nextFree = new Map<number, number>();
  const order: string[] = [];

  function place(id: string, depth: number, minSlot: number, parent?: string): void {
    if (auto.has(id)) return;
    const slot = Math.max(minSlot, nextFree.get(depth) ?? 0);
    nextFree.set(depth, slot + 1);
    const position = { x: depth * COLUMN_WIDTH, y: slot * ROW_HEIGHT };
    auto.set(id, position);
    const parentAuto = parent ? auto.get(parent) : undefined;
    const parentFinal = parent ? final.get(parent) : undefined;
    const relative =
      parentAuto && parentFinal
        ? { x: parentFinal.x + position.x - parentAuto.x, y: parentFinal.y + position.y - parentAuto.y }
        : position;
    final.set(id, saved.get(id) ?? relative);
    order.push(id);
    for (const child of children.get(id) ?? []) place(child, depth + 1, slot, id);
  }

  for (const data of all) {
    const id = idOf(data);
    if (hasParent.has(id)) continue;
    place(id, ROOT_DEPTH[data.kind], Math.max(0, ...nextFree.values()));
  }
  // Only a cycle (which the rows cannot form) leaves a node unplaced; keep it visible anyway.
  for (const data of all) place(idOf(data), ROOT_DEPTH[data.kind], Math.max(0, ...nextFree.values()));

  const nodes = order.map((id) => {
    const data = byId.get(id) as FlowNodeData;
    return { id, type: data.kind, position: final.get(id) as Position, data };
  });
  return { nodes, edges };
}

/** The definition that keeps the canvas as it is now: every node's position, no edges. */
export function flowToDefinition(
  nodes: readonly { id: string; position: Position; data: Pick<FlowNodeData, "kind" | "refId"> }[],
): FlowDefinition {
  return {
    version: 1,
    nodes: nodes.map((node) => ({
      id: node.id,
      kind: node.data.kind,
      refId: node.data.refId,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    })),
  };
}
