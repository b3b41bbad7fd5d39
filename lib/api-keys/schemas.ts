import { z } from "zod";

export const createApiKeySchema = z.strictObject({
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, "Name is required.")
    .max(100, "Name must be at most 100 characters."),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** What the UI and the API may see of a key: never its secret or hash. Dates coerce, so the
 * browser parses the JSON strings with the same schema the server answers with. */
export const apiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySummarySchema) });

/** Returned once, at creation: the only time the full key leaves the server. */
export const createdApiKeySchema = z.object({ apiKey: apiKeySummarySchema, key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
