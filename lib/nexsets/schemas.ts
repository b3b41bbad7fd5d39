import { z } from "zod";
import { attributeSchema } from "./infer-schema";

// The Nexset view's query and answer, shared by its route and the UI.

export const nexsetViewQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** "desc" shows the latest records first (a webhook source's page). */
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type NexsetViewQuery = z.input<typeof nexsetViewQuerySchema>;

export const sampleCountSchema = z.coerce.number().int().min(1).max(100).default(10);

const isoDate = z
  .union([z.date(), z.string()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value));

export const nexsetRecordViewSchema = z.object({
  seq: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
});

export const nexsetOriginSchema = z.object({
  sourceId: z.string(),
  kind: z.string(),
  name: z.string(),
  flowId: z.string().nullable(),
  /** Set for a response-webhook source: the destination whose responses these are. */
  originDestination: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const nexsetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Inferred attributes with their types and how many records lack a value. */
  attributes: z.array(attributeSchema),
  /** Set when the Nexset has more attributes than the schema lists (MAX_SCHEMA_ATTRIBUTES); they stay in the records. */
  attributesTruncated: z.boolean(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  records: z.array(nexsetRecordViewSchema),
  /** The first records: what the destination wizard's Sample Payload panel builds requests from. */
  samples: z.array(z.record(z.string(), z.unknown())),
  origin: nexsetOriginSchema,
  destinationCount: z.number().int(),
});
export type NexsetView = z.input<typeof nexsetViewSchema>;
