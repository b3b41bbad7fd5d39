import { z } from "zod";
import { idParamsSchema } from "@/lib/api/id-params";
import type { CALL_KINDS, CALL_OUTCOMES } from "./activity-log";
import type { RecordOutcome } from "./record-outcomes";
import type { DestinationStatus } from "@/lib/delivery/destination-lifecycle";

// The answers of the destination page's monitoring API, parsed by the route (withApi `response`)
// and again by the browser (fetchJson `schema`). Dates coerce, so the same schema reads a Date on
// the server and an ISO string in the browser. This file is imported by client components, so it
// imports nothing at run time that would pull the queue or the database into the bundle — which
// is why these lists are spelled here and only checked against the engine's types.

/** The engine types these columns as strings; they are parsed into their known values on the way out. */
function storedEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().pipe(z.enum(values));
}

export const DESTINATION_STATUS_VALUES = [
  "draft",
  "active",
  "paused",
  "error",
] as const satisfies readonly DestinationStatus[];
export const destinationStatusSchema = storedEnum(DESTINATION_STATUS_VALUES);

export const CALL_OUTCOME_VALUES = [
  "success",
  "retry",
  "rate_limited",
  "permanent",
  "conflict",
] as const satisfies readonly (typeof CALL_OUTCOMES)[number][];
export const CALL_KIND_VALUES = [
  "delivery",
  "replay",
  "test",
] as const satisfies readonly (typeof CALL_KINDS)[number][];

/** What came of a record (sync operations), plus a plain create's 409: "exists_not_updated". */
export const RECORD_OUTCOME_VALUES = [
  "created",
  "updated",
  "unchanged",
  "archived",
  "deleted",
  "already_gone",
  "error",
  "exists_not_updated",
] as const satisfies readonly RecordOutcome[];
const countsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  archived: z.number().int(),
  deleted: z.number().int(),
  already_gone: z.number().int(),
  exists_not_updated: z.number().int(),
});

const numericId = z.string().regex(/^\d{1,19}$/, { error: "Must be a numeric id" });

export const callParamsSchema = idParamsSchema.extend({ callId: numericId });

export const destinationStatusViewSchema = z.object({
  id: z.string(),
  status: destinationStatusSchema,
  statusMessage: z.string().nullable(),
  configVersion: z.number().int(),
  activatedAt: z.coerce.date().nullable(),
});
export type DestinationStatusViewDto = z.infer<typeof destinationStatusViewSchema>;

export const deliveryProgressSchema = z.object({
  status: destinationStatusSchema,
  statusMessage: z.string().nullable(),
  total: z.number().int(),
  delivered: z.number().int(),
  processed: z.number().int(),
  backlog: z.number().int(),
  errorRecords: z.number().int(),
  errorRecordsRecords: z.number().int(),
  inFlight: z.number().int(),
  /** Records per outcome (latest outcome of each record); error records are counted above. */
  outcomes: countsSchema,
});
export type DeliveryProgressDto = z.infer<typeof deliveryProgressSchema>;

export const minuteStatsSchema = z.object({
  minute: z.coerce.date(),
  calls: z.number().int(),
  records: z.number().int(),
  status2xx: z.number().int(),
  status4xx: z.number().int(),
  status5xx: z.number().int(),
  status429: z.number().int(),
  noAnswer: z.number().int(),
  /** Records concluded in the minute, by outcome (sync operations; a plain create's 409 as exists_not_updated). */
  created: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  existsNotUpdated: z.number().int(),
});
export const deliveryTimelineSchema = z.object({ minutes: z.number().int(), points: z.array(minuteStatsSchema) });
export type MinuteStatsDto = z.infer<typeof minuteStatsSchema>;
export type DeliveryTimelineDto = z.infer<typeof deliveryTimelineSchema>;

const rateLimitFiguresSchema = z.object({
  visible: z.literal(true),
  credentialId: z.string(),
  limitPer10s: z.number().int(),
  windowLimit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  windowEndsAt: z.coerce.date().nullable(),
  /** Milliseconds until the window resets, measured by the server (the browser's clock may differ). */
  resetInMs: z.number().int().nullable(),
});
/** A colleague's personal connection: its budget is the creator's, so only whose it is. */
const rateLimitHiddenSchema = z.object({ visible: z.literal(false), personalTo: z.string() });
export const rateLimitUsageSchema = z.discriminatedUnion("visible", [rateLimitFiguresSchema, rateLimitHiddenSchema]);
export type RateLimitUsageDto = z.infer<typeof rateLimitUsageSchema>;

export const deliveryCallSummarySchema = z.object({
  id: z.string(),
  kind: storedEnum(CALL_KIND_VALUES),
  outcome: storedEnum(CALL_OUTCOME_VALUES),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  recordCount: z.number().int(),
  configVersion: z.number().int(),
  attempt: z.number().int(),
  method: z.string(),
  url: z.string(),
  responseStatus: z.number().int().nullable(),
  errorMessage: z.string().nullable(),
  latencyMs: z.number().int(),
  createdAt: z.coerce.date(),
  syncStep: z.string().nullable(),
  recordOutcome: z.string().nullable(),
});
export type DeliveryCallSummaryDto = z.infer<typeof deliveryCallSummarySchema>;

const headerMap = z.record(z.string(), z.string());

/** One call in full, for the debug view: the request as sent (token masked) and the response. */
export const deliveryCallDetailSchema = deliveryCallSummarySchema.extend({
  requestHeaders: headerMap,
  requestBody: z.string().nullable(),
  responseHeaders: headerMap.nullable(),
  responseBody: z.string().nullable(),
});
export type DeliveryCallDetailDto = z.infer<typeof deliveryCallDetailSchema>;

export const deliveryCallPageSchema = z.object({
  items: z.array(deliveryCallSummarySchema),
  nextCursor: z.string().nullable(),
});
export type DeliveryCallPageDto = z.infer<typeof deliveryCallPageSchema>;

export const ERROR_RECORD_STATUS_VALUES = ["open", "replayed", "discarded"] as const;

export const errorRecordSchema = z.object({
  id: z.string(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  reason: z.string(),
  configVersion: z.number().int(),
  requestMethod: z.string().nullable(),
  requestUrl: z.string().nullable(),
  requestBody: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  status: storedEnum(ERROR_RECORD_STATUS_VALUES),
  createdAt: z.coerce.date(),
  resolvedAt: z.coerce.date().nullable(),
});
export type ErrorRecordDto = z.infer<typeof errorRecordSchema>;

export const errorRecordPageSchema = z.object({ items: z.array(errorRecordSchema), nextCursor: z.string().nullable() });
export type ErrorRecordPageDto = z.infer<typeof errorRecordPageSchema>;

export const errorReplayResultSchema = z.object({ queued: z.number().int() });
export const errorDiscardResultSchema = z.object({ discarded: z.number().int() });
