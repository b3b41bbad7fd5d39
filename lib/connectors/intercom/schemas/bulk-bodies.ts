import { z } from "zod";

// Preview bulk contacts: ≤ 100 contacts per call; the answer is an async job (GET /contacts/bulk/{id}).
export const BULK_MAX_ITEMS = 100;

const companies = z.array(z.object({ company_id: z.string(), name: z.string().optional() }));
const tagRef = z.object({ id: z.string() });
const job = z.object({ id: z.string() }).optional();

const bulkContactFields = {
  external_id: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  avatar: z.string().optional(),
  owner_id: z.string().optional(),
  unsubscribed_from_emails: z.boolean().optional(),
  language_override: z.string().optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
};

export const bulkCreateContactsBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        ...bulkContactFields,
        role: z.enum(["user", "lead"]).optional(),
        signed_up_at: z.number().int().optional(),
        last_seen_at: z.number().int().optional(),
        companies: companies.optional(),
        tags: z.object({ add: z.array(tagRef).optional() }).optional(),
      }),
    )
    .min(1)
    .max(BULK_MAX_ITEMS),
  job,
});

export const bulkUpdateContactsBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        ...bulkContactFields,
        id: z.string().min(1),
        companies: z
          .array(z.object({ company_id: z.string(), name: z.string().optional(), remove: z.boolean().optional() }))
          .optional(),
        tags: z.object({ add: z.array(tagRef).optional(), remove: z.array(tagRef).optional() }).optional(),
      }),
    )
    .min(1)
    .max(BULK_MAX_ITEMS),
  job,
});

export const bulkDeleteContactsBody = z.strictObject({
  contacts: z
    .array(z.object({ id: z.string().min(1) }))
    .min(1)
    .max(BULK_MAX_ITEMS),
  job,
});
