import { z } from "zod";

export const responseWebhookStepSchema = z.object({
  /** When on, saving creates a webhook source that receives every API response. */
  responseWebhook: z.object({ enabled: z.boolean().default(false) }).prefault({}),
});
