import { z } from "zod";

// Request bodies of the contact endpoints: the union of the fields 2.11 … Preview describe.
// Objects are strict because Intercom answers `400 bad 'x' parameter` to fields it does not know.

const unixTime = z.number().int().nonnegative();
const customAttributes = z.record(z.string(), z.unknown());

const contactFields = {
  role: z.enum(["user", "lead"]).optional(),
  external_id: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  email_verified: z.boolean().nullable().optional(),
  phone: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
  signed_up_at: unixTime.nullable().optional(),
  last_seen_at: unixTime.nullable().optional(),
  // An integer in 2.11, a string from 2.14.
  owner_id: z.union([z.string(), z.number().int()]).nullable().optional(),
  unsubscribed_from_emails: z.boolean().nullable().optional(),
  language_override: z.string().nullable().optional(),
  custom_attributes: customAttributes.nullable().optional(),
};

export const createContactBody = z
  .strictObject(contactFields)
  .refine((body) => body.email !== undefined || body.external_id !== undefined || body.role !== undefined, {
    message: "Intercom needs at least one of email, external_id or role to create a contact",
  });

export const updateContactBody = z.strictObject(contactFields);

/** Attach a contact to a company: `id` is Intercom's id of the company. */
export const attachCompanyBody = z.strictObject({ id: z.string().min(1) });

/** Attach a tag to a contact: `id` is Intercom's id of the tag. */
export const attachTagBody = z.strictObject({ id: z.string().min(1) });

export const createNoteBody = z.strictObject({
  body: z.string().min(1),
  admin_id: z.string().min(1).optional(),
  contact_id: z.string().optional(),
});

const searchValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])
  .nullable();
const singleFilter = z.object({ field: z.string(), operator: z.string(), value: searchValue });
const searchQuery = z.union([singleFilter, z.object({ operator: z.enum(["AND", "OR"]), value: z.array(z.unknown()) })]);

export const searchContactsBody = z.strictObject({
  query: searchQuery,
  pagination: z
    .object({ per_page: z.number().int().min(1).max(150).optional(), starting_after: z.string().nullable().optional() })
    .nullable()
    .optional(),
  sort: z.object({ field: z.string(), order: z.enum(["ascending", "descending"]).optional() }).optional(),
});
