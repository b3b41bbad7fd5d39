import { z } from "zod";
import { destinationConfigSchema } from "./schemas";
import { credentialStepSchema } from "./steps/credential-step";

// "Send Test Data": the wizard's current (possibly unsaved) settings, which sample request to send,
// and optionally its body as the person edited it. The server rebuilds the request itself.

const testRequestFields = {
  /** Which of the requests built from the sample records (0-based, in the panel's order). */
  requestIndex: z.number({ error: "Choose a sample request" }).int().min(0).max(10_000).default(0),
  /** The body as edited in the panel; the built body is sent when absent. */
  body: z
    .string()
    .max(1024 * 1024, { error: "The test body is larger than 1 MB" })
    .optional(),
};

/** POST /api/v1/destinations/test: before the destination is saved. */
export const sendTestSchema = z.object({
  nexsetId: z.string({ error: "Choose the Nexset to send" }).trim().min(1, { error: "Choose the Nexset to send" }),
  credentialId: credentialStepSchema.shape.credentialId,
  config: destinationConfigSchema,
  ...testRequestFields,
});
export type SendTestInput = z.input<typeof sendTestSchema>;

/** POST /api/v1/destinations/{id}/test: the saved settings, or the wizard's unsaved edits of them. */
export const sendDestinationTestSchema = z.object({
  credentialId: credentialStepSchema.shape.credentialId.optional(),
  config: destinationConfigSchema.optional(),
  ...testRequestFields,
});
export type SendDestinationTestInput = z.input<typeof sendDestinationTestSchema>;

export const sendTestResultSchema = z
  .object({
    /** How the connector classified the answer: success, conflict, permanent, retry, rate_limited. */
    outcome: z.string(),
    /** null when no HTTP answer came (timeout, connection refused). */
    status: z.number().int().nullable(),
    latencyMs: z.number(),
    /** X-RateLimit-Limit / -Remaining / -Reset as Intercom sent them. */
    rateLimitHeaders: z.record(z.string(), z.string()),
    rateLimit: z.object({ limit: z.number(), remaining: z.number(), resetAt: z.string() }).nullable(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
    errorMessage: z.string().nullable(),
    /** The request as sent, the token masked. */
    request: z.object({
      method: z.string(),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.string().nullable(),
    }),
    recordCount: z.number().int(),
    warnings: z.array(z.string()),
    /** The activity-log entry, when the test was for a saved destination. */
    callId: z.string().nullable(),
    /** Sync operations: every call of the record's sequence with its answer; the fields above are the last call's. */
    sequence: z
      .array(
        z.object({
          step: z.string(),
          method: z.string(),
          url: z.string(),
          requestBody: z.string().nullable(),
          status: z.number().int().nullable(),
          outcome: z.string(),
          latencyMs: z.number(),
          body: z.unknown(),
          errorMessage: z.string().nullable(),
        }),
      )
      .optional(),
    /** Sync operations: what came of the record (created, updated, archived, deleted, already_gone, error). */
    recordOutcome: z.string().optional(),
    recordMessage: z.string().nullable().optional(),
  })
  .meta({ id: "SendTestResult" });
export type SendTestResult = z.output<typeof sendTestResultSchema>;
