import { z } from "zod";
import { defineApiRoute } from "@/lib/api/route-spec";

export const webhookParamsSchema = z.object({ token: z.string().min(1).max(200) });

export const ingestWebhookResponseSchema = z.object({
  added: z.number().int().nonnegative(),
  firstSeq: z.number().int().optional(),
  lastSeq: z.number().int().optional(),
});

/** POST /api/webhooks/{token}: no session or API key; the secret token in the URL is the credential. */
export const ingestWebhookRoute = defineApiRoute({
  method: "POST",
  path: "/api/webhooks/{token}",
  summary: "Send records to a webhook source: one JSON object or an array of objects",
  description:
    "Authenticated by the secret token in the URL (and, when the source requires it, a Standard Webhooks " +
    "signature: webhook-id, webhook-timestamp, webhook-signature). Answers how many records were added. " +
    "A repeated webhook-id (or Idempotency-Key) within a day answers the first call's result and adds nothing.",
  tags: ["Sources"],
  auth: "public",
  params: webhookParamsSchema,
  response: ingestWebhookResponseSchema,
  errors: [401, 413, 429],
});
