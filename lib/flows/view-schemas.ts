import { z } from "zod";
import { flowDefinitionSchema, positionSchema } from "./schemas";

// What the flow routes answer and the canvas reads. Dates travel as ISO strings.

const isoDate = z
  .union([z.date(), z.string()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value));

export const FLOW_STATUSES = ["empty", "idle", "active", "error"] as const;
export const flowStatusSchema = z.enum(FLOW_STATUSES);
export type FlowStatus = z.infer<typeof flowStatusSchema>;

const lastRunSchema = z
  .object({ status: z.string(), recordsAdded: z.number().int(), startedAt: isoDate, error: z.string().nullable() })
  .nullable();

export const sourceNodeDataSchema = z.object({
  kind: z.literal("source"),
  refId: z.string(),
  name: z.string(),
  sourceKind: z.enum(["file", "webhook", "intercom"]),
  status: z.string(),
  statusMessage: z.string().nullable(),
  nexsetId: z.string().nullable(),
  recordCount: z.number().int(),
  scheduleMinutes: z.number().int().nullable(),
  lastRun: lastRunSchema,
});

export const responseSourceNodeDataSchema = z.object({
  kind: z.literal("response_source"),
  refId: z.string(),
  name: z.string(),
  status: z.string(),
  statusMessage: z.string().nullable(),
  nexsetId: z.string().nullable(),
  recordCount: z.number().int(),
  originDestinationId: z.string(),
});

export const nexsetNodeDataSchema = z.object({
  kind: z.literal("nexset"),
  refId: z.string(),
  name: z.string(),
  sourceId: z.string(),
  recordCount: z.number().int(),
  attributeCount: z.number().int(),
});

export const destinationNodeDataSchema = z.object({
  kind: z.literal("destination"),
  refId: z.string(),
  name: z.string(),
  status: z.string(),
  statusMessage: z.string().nullable(),
  nexsetId: z.string(),
  method: z.string().nullable(),
  urlTemplate: z.string().nullable(),
  /** Records in its Nexset, delivered, and not yet delivered (backlog plus open error records). */
  total: z.number().int(),
  delivered: z.number().int(),
  undelivered: z.number().int(),
  errorRecords: z.number().int(),
  deliveredToday: z.number().int(),
  /** Records per outcome (sync operations; a plain create's 409 as exists_not_updated), when any. */
  outcomes: z.record(z.string(), z.number().int()).optional(),
});

export const flowNodeDataSchema = z.discriminatedUnion("kind", [
  sourceNodeDataSchema,
  responseSourceNodeDataSchema,
  nexsetNodeDataSchema,
  destinationNodeDataSchema,
]);
export type FlowNodeData = z.infer<typeof flowNodeDataSchema>;
export type SourceNodeData = z.infer<typeof sourceNodeDataSchema>;
export type ResponseSourceNodeData = z.infer<typeof responseSourceNodeDataSchema>;
export type NexsetNodeData = z.infer<typeof nexsetNodeDataSchema>;
export type DestinationNodeData = z.infer<typeof destinationNodeDataSchema>;

/** A node as React Flow takes it: `type` selects the component, `data` what it shows. */
export const flowGraphNodeSchema = z.object({
  id: z.string(),
  type: z.enum(["source", "nexset", "destination", "response_source"]),
  position: positionSchema,
  data: flowNodeDataSchema,
});
export type FlowGraphNode = z.infer<typeof flowGraphNodeSchema>;

export const flowGraphEdgeSchema = z.object({ id: z.string(), source: z.string(), target: z.string() });
export type FlowGraphEdge = z.infer<typeof flowGraphEdgeSchema>;

export const flowTotalsSchema = z.object({
  sources: z.number().int(),
  destinations: z.number().int(),
  activeDestinations: z.number().int(),
  erroredDestinations: z.number().int(),
  undeliveredRecords: z.number().int(),
  deliveredToday: z.number().int(),
});
export type FlowTotals = z.infer<typeof flowTotalsSchema>;

export const flowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: flowStatusSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  totals: flowTotalsSchema,
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;
export type FlowSummaryInput = z.input<typeof flowSummarySchema>;

export const flowListSchema = z.object({ flows: z.array(flowSummarySchema) });

export const flowGraphSchema = z.object({
  flow: flowSummarySchema,
  definition: flowDefinitionSchema,
  nodes: z.array(flowGraphNodeSchema),
  edges: z.array(flowGraphEdgeSchema),
});
export type FlowGraph = z.infer<typeof flowGraphSchema>;
export type FlowGraphInput = z.input<typeof flowGraphSchema>;

export const deletedFlowSchema = z.object({
  deletedSources: z.number().int(),
  deletedDestinations: z.number().int(),
  /** Records its destinations had not delivered when it was deleted. */
  undeliveredRecords: z.number().int(),
});
export type DeletedFlow = z.infer<typeof deletedFlowSchema>;
