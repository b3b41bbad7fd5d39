import { z } from "zod";

/** A data event: the contact is named by id, user_id or email. */
export const submitEventBody = z
  .strictObject({
    event_name: z.string().min(1),
    created_at: z.number().int(),
    user_id: z.string().optional(),
    id: z.string().optional(),
    email: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((event) => Boolean(event.id ?? event.user_id ?? event.email), {
    message: "An event names its contact with id, user_id or email",
  });

const ticketContact = z.union([
  z.object({ id: z.string() }),
  z.object({ external_id: z.string() }),
  z.object({ email: z.string() }),
]);

export const createTicketBody = z.strictObject({
  ticket_type_id: z.string().min(1),
  contacts: z.array(ticketContact).min(1),
  company_id: z.string().optional(),
  conversation_to_link_id: z.string().optional(),
  created_at: z.number().int().optional(),
  ticket_attributes: z.record(z.string(), z.unknown()).optional(),
  assignment: z
    .object({ admin_assignee_id: z.string().optional(), team_assignee_id: z.string().optional() })
    .optional(),
  skip_notifications: z.boolean().optional(),
});

export const createTagBody = z.strictObject({ name: z.string().min(1), id: z.string().optional() });

export const createDataAttributeBody = z.strictObject({
  name: z.string().min(1),
  model: z.enum(["contact", "company"]),
  // "options" (a list attribute) exists from 2.16.
  data_type: z.enum(["string", "integer", "float", "boolean", "datetime", "date", "options"]),
  description: z.string().optional(),
  options: z.array(z.union([z.string(), z.object({ value: z.string() })])).optional(),
  messenger_writable: z.boolean().optional(),
});

/** A content data export covers messages sent between two Unix times. */
export const createContentExportBody = z
  .strictObject({ created_at_after: z.number().int(), created_at_before: z.number().int() })
  .refine((range) => range.created_at_after < range.created_at_before, {
    message: "created_at_after must be earlier than created_at_before",
  });
