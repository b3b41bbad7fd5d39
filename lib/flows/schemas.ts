import { z } from "zod";

// The saved flow definition and the flow API's inputs and answers: one set of schemas for the
// routes, the domain functions and the canvas (HOUSE-STYLE 3).
//
// What exists (sources, Nexsets, destinations, response-webhook sources) is decided by the rows;
// the definition holds how the canvas lays them out. Nodes and edges are derived from both
// (definition-to-flow.ts), so a definition can never point at a node that does not exist.

export const FLOW_NODE_KINDS = ["source", "nexset", "destination", "response_source"] as const;
export const flowNodeKindSchema = z.enum(FLOW_NODE_KINDS);
export type FlowNodeKind = z.infer<typeof flowNodeKindSchema>;

export const FLOW_DEFINITION_VERSION = 1;

/** A node's id on the canvas and in the definition: stable, derived from what it shows. */
export function flowNodeId(kind: FlowNodeKind, refId: string): string {
  return `${kind}:${refId}`;
}

const coordinate = z.number().finite().min(-1_000_000).max(1_000_000);
export const positionSchema = z.object({ x: coordinate, y: coordinate });
export type Position = z.infer<typeof positionSchema>;

export const definitionNodeSchema = z
  .object({
    id: z.string().min(1).max(200),
    kind: flowNodeKindSchema,
    /** The id of the row the node shows (Source, Nexset or Destination). */
    refId: z.string().min(1).max(64),
    position: positionSchema,
  })
  .refine((node) => node.id === flowNodeId(node.kind, node.refId), {
    message: "A node's id must be <kind>:<refId>",
    path: ["id"],
  });
export type DefinitionNode = z.infer<typeof definitionNodeSchema>;

/** Edges are always derived from the rows; a definition may carry them, but they are not kept. */
export const definitionEdgeSchema = z.object({
  id: z.string().max(420),
  source: z.string().max(200),
  target: z.string().max(200),
});

export const flowDefinitionSchema = z
  .object({
    version: z.literal(FLOW_DEFINITION_VERSION),
    nodes: z.array(definitionNodeSchema).max(5_000),
    edges: z.array(definitionEdgeSchema).max(10_000).optional(),
  })
  .refine((definition) => new Set(definition.nodes.map((n) => n.id)).size === definition.nodes.length, {
    message: "Each node may appear once",
    path: ["nodes"],
  });
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;

export function emptyFlowDefinition(): FlowDefinition {
  return { version: FLOW_DEFINITION_VERSION, nodes: [] };
}

/**
 * A stored definition, read leniently: the column's `{}` default and anything unreadable become
 * an empty layout (every node then gets an automatic position) instead of breaking the canvas.
 */
export function readStoredDefinition(value: unknown): FlowDefinition {
  const parsed = flowDefinitionSchema.safeParse(value);
  if (!parsed.success) return emptyFlowDefinition();
  return { version: parsed.data.version, nodes: parsed.data.nodes };
}

// --- Inputs ---

export const flowNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(120, "Name is at most 120 characters");

export const createFlowSchema = z.object({ name: flowNameSchema });
export type CreateFlowInput = z.input<typeof createFlowSchema>;

export const updateFlowSchema = z
  .object({ name: flowNameSchema.optional(), definition: flowDefinitionSchema.optional() })
  .refine((input) => input.name !== undefined || input.definition !== undefined, {
    message: "Send a new name, a definition, or both",
  });
export type UpdateFlowInput = z.input<typeof updateFlowSchema>;
