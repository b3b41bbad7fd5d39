import { z } from "zod";
import { fileFormatSchema } from "./file/detect-format";

// One set of schemas for the source routes, forms and domain functions (HOUSE-STYLE 3).

export const SOURCE_KINDS = ["file", "webhook", "intercom", "response_webhook"] as const;
export const sourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof sourceKindSchema>;

export const SOURCE_RUN_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export const sourceRunStatusSchema = z.enum(SOURCE_RUN_STATUSES);
export type SourceRunStatus = z.infer<typeof sourceRunStatusSchema>;

export const sourceNameSchema = z.string().trim().min(1, "Name is required").max(120, "Name is at most 120 characters");
const idSchema = z.string().trim().min(1).max(64);

export const createFileSourceSchema = z.object({
  name: sourceNameSchema,
  flowId: idSchema.optional(),
});
export type CreateFileSourceInput = z.infer<typeof createFileSourceSchema>;

/** Query of the upload route: the file name and, optionally, a format that overrides the extension. */
export const uploadFileQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  format: fileFormatSchema.optional(),
});

export const DEFAULT_WEBHOOK_BODY_BYTES = 1024 * 1024;
export const MAX_WEBHOOK_BODY_BYTES = 20 * 1024 * 1024;

export const maxBodyBytesSchema = z
  .number()
  .int()
  .min(1024, "At least 1024 bytes")
  .max(MAX_WEBHOOK_BODY_BYTES, `At most ${MAX_WEBHOOK_BODY_BYTES} bytes (20 MB)`);

export const webhookConfigSchema = z.object({
  maxBodyBytes: maxBodyBytesSchema.default(DEFAULT_WEBHOOK_BODY_BYTES),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

export const createWebhookSourceSchema = z.object({
  name: sourceNameSchema,
  flowId: idSchema.optional(),
  /** Require a Standard Webhooks signature (an HMAC secret is generated and shown once). */
  signed: z.boolean().default(false),
  maxBodyBytes: maxBodyBytesSchema.optional(),
});
export type CreateWebhookSourceInput = z.input<typeof createWebhookSourceSchema>;

export const INTERCOM_SOURCE_OPERATIONS = ["list_contacts", "list_companies", "content_export"] as const;
export const intercomSourceOperationSchema = z.enum(INTERCOM_SOURCE_OPERATIONS);
export type IntercomSourceOperation = z.infer<typeof intercomSourceOperationSchema>;

const instantSchema = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), "Enter a date such as 2025-01-31 or 2025-01-31T12:00:00Z");

export const exportRangeSchema = z
  .object({ createdAtAfter: instantSchema, createdAtBefore: instantSchema })
  .refine((range) => Date.parse(range.createdAtAfter) < Date.parse(range.createdAtBefore), {
    message: "The start of the range must be before its end",
    path: ["createdAtBefore"],
  });
export type ExportRange = z.infer<typeof exportRangeSchema>;

export const scheduleMinutesSchema = z
  .number()
  .int()
  .min(1, "At least every minute")
  .max(10_080, "At most every 7 days (10080 minutes)");

/** Intercom's list endpoints accept per_page from 1 to 150. */
export const intercomPerPageSchema = z
  .number()
  .int()
  .min(1, "At least 1 per page")
  .max(150, "At most 150 per page (Intercom's limit)");

export const intercomSourceConfigSchema = z.object({
  credentialId: idSchema,
  operation: intercomSourceOperationSchema,
  perPage: intercomPerPageSchema.default(50),
  /** content_export only; without it each run exports from where the last successful run ended. */
  exportRange: exportRangeSchema.optional(),
  scheduleMinutes: scheduleMinutesSchema.optional(),
});
export type IntercomSourceConfig = z.infer<typeof intercomSourceConfigSchema>;

export const createIntercomSourceSchema = intercomSourceConfigSchema.extend({
  name: sourceNameSchema,
  flowId: idSchema.optional(),
});
export type CreateIntercomSourceInput = z.input<typeof createIntercomSourceSchema>;

/** The Created after / Created before boxes as typed; the forms turn them into an exportRange (or none). */
export const exportRangeFieldsSchema = z.object({ createdAtAfter: z.string(), createdAtBefore: z.string() });

export const createIntercomSourceFormSchema = createIntercomSourceSchema.extend({
  exportRange: exportRangeFieldsSchema,
});
export type CreateIntercomSourceFormValues = z.input<typeof createIntercomSourceFormSchema>;

/** An Intercom source's settings form on its page (empty schedule = off). */
export const intercomSettingsFormSchema = z.object({
  operation: intercomSourceOperationSchema,
  perPage: intercomPerPageSchema,
  scheduleMinutes: scheduleMinutesSchema.optional(),
  exportRange: exportRangeFieldsSchema,
});
export type IntercomSettingsFormValues = z.input<typeof intercomSettingsFormSchema>;

export const updateSourceSchema = z.object({
  name: sourceNameSchema.optional(),
  /** Intercom sources: null turns the schedule off. */
  scheduleMinutes: scheduleMinutesSchema.nullable().optional(),
  /** Webhook sources. */
  maxBodyBytes: maxBodyBytesSchema.optional(),
  /** Intercom sources: what each run fetches. */
  operation: intercomSourceOperationSchema.optional(),
  perPage: intercomPerPageSchema.optional(),
  /** Intercom content exports: null goes back to "from where the last successful run ended". */
  exportRange: exportRangeSchema.nullable().optional(),
});
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const deleteSourceSchema = z.object({
  /** Also delete the destinations that read this source's Nexset (the UI asks first). */
  force: z.boolean().default(false),
});

export const listRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Cursor: the id of the last run of the previous page. */
  before: idSchema.optional(),
});
export type ListRunsQuery = z.input<typeof listRunsQuerySchema>;

/** One step of a run as the debug view shows it: what went in, what came out. */
export const sourceRunStepSchema = z.object({
  step: z.string(),
  at: z.string(),
  durationMs: z.number().optional(),
  input: z.unknown(),
  output: z.unknown(),
});
export type SourceRunStep = z.infer<typeof sourceRunStepSchema>;
export const sourceRunStepsSchema = z.array(sourceRunStepSchema);

// --- Answers (the routes parse their responses with these; the UI reads the same types) ---

const isoDate = z
  .union([z.date(), z.string()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value));

export const sourceRunSummarySchema = z.object({
  id: z.string(),
  status: sourceRunStatusSchema,
  recordsAdded: z.number().int(),
  error: z.string().nullable(),
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
});
export type SourceRunSummary = z.input<typeof sourceRunSummarySchema>;

export const sourceRunSchema = sourceRunSummarySchema.extend({
  sourceId: z.string(),
  steps: sourceRunStepsSchema,
});
export type SourceRunView = z.input<typeof sourceRunSchema>;

export const sourceSummarySchema = z.object({
  id: z.string(),
  kind: sourceKindSchema,
  name: z.string(),
  status: z.string(),
  statusMessage: z.string().nullable(),
  flowId: z.string().nullable(),
  nexsetId: z.string().nullable(),
  recordCount: z.number().int(),
  scheduleMinutes: z.number().int().nullable(),
  nextRunAt: isoDate.nullable(),
  originDestinationId: z.string().nullable(),
  createdAt: isoDate,
  lastRun: sourceRunSummarySchema.nullable(),
});
export type SourceSummary = z.input<typeof sourceSummarySchema>;

export const sourceDetailSchema = sourceSummarySchema.extend({
  /** Kind-specific settings, never a secret: intercom → its config; webhook → limit and whether signed. */
  settings: z.record(z.string(), z.unknown()),
  /** The connection, or only whose it is when it is a colleague's personal one (null once deleted). */
  credential: z
    .union([z.object({ id: z.string(), name: z.string(), region: z.string() }), z.object({ personalTo: z.string() })])
    .nullable(),
  /** Webhook sources: the URL's shape (the token itself is only shown at creation or rotation). */
  webhook: z.object({ pathTemplate: z.string(), signed: z.boolean(), maxBodyBytes: z.number().int() }).nullable(),
  runCount: z.number().int(),
  recentRuns: z.array(sourceRunSummarySchema),
});
export type SourceDetail = z.input<typeof sourceDetailSchema>;
