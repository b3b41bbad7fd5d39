import { z } from "zod";

/** Create or update a company: Intercom upserts on `company_id`. */
export const upsertCompanyBody = z.strictObject({
  name: z.string().optional(),
  company_id: z.string().min(1).optional(),
  plan: z.string().optional(),
  size: z.number().int().optional(),
  website: z.string().optional(),
  industry: z.string().optional(),
  custom_attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  remote_created_at: z.number().int().optional(),
  monthly_spend: z.number().optional(),
  update_last_request_at: z.boolean().optional(),
});
