import { z } from "zod";
import {
  createFileSourceSchema,
  createIntercomSourceSchema,
  createWebhookSourceSchema,
  sourceRunSchema,
  sourceSummarySchema,
  uploadFileQuerySchema,
} from "@/lib/sources/schemas";

// The source API's own inputs, built from the sources domain's schemas (lib/sources/schemas.ts).

/** POST /api/v1/sources: one body for the three kinds a person can create. */
export const createSourceBodySchema = z.discriminatedUnion("kind", [
  createFileSourceSchema.extend({ kind: z.literal("file") }),
  createWebhookSourceSchema.extend({ kind: z.literal("webhook") }),
  createIntercomSourceSchema.extend({ kind: z.literal("intercom") }),
]);
export type CreateSourceBody = z.input<typeof createSourceBodySchema>;

export const createdSourceSchema = z.object({
  sourceId: z.string(),
  nexsetId: z.string(),
  kind: z.enum(["file", "webhook", "intercom"]),
  /** Webhook sources only, and only in this answer: the URL token and the signing secret are not kept. */
  webhook: z.object({ token: z.string(), path: z.string(), secret: z.string().optional() }).nullable(),
});
export type CreatedSourceView = z.infer<typeof createdSourceSchema>;

export const listSourcesQuerySchema = z.object({ flowId: z.string().trim().min(1).max(64).optional() });

export const deleteSourceQuerySchema = z.object({
  /** Also delete the destinations that read this source's Nexset. */
  force: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});

/** The largest file the upload routes accept (it is streamed, never held in memory). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export const uploadQuerySchema = uploadFileQuerySchema;

/** POST /api/v1/sources/upload: a new file source made from the file, all or nothing. */
export const uploadNewSourceQuerySchema = uploadFileQuerySchema.extend({
  name: z.string().trim().min(1).max(120).optional(),
  flowId: z.string().trim().min(1).max(64).optional(),
});

export const uploadResultSchema = z.object({
  sourceId: z.string(),
  nexsetId: z.string(),
  runId: z.string(),
  format: z.string(),
  delimiter: z.string().optional(),
  note: z.string().optional(),
  recordsAdded: z.number().int(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  bytes: z.number().int(),
  durationMs: z.number().int(),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

export const requestedRunSchema = z.object({ runId: z.string(), enqueued: z.boolean() });
export const rotatedTokenSchema = z.object({ token: z.string(), path: z.string() });
export const signingSecretSchema = z.object({ secret: z.string() });
export const deletedSourceSchema = z.object({ deletedDestinations: z.number().int() });

export const sourceListSchema = z.object({ sources: z.array(sourceSummarySchema) });
export const sourceRunListSchema = z.object({ runs: z.array(sourceRunSchema), nextCursor: z.string().nullable() });
