import { z } from "zod";
import { SYNC_IDENTIFIERS } from "@/lib/connectors/intercom/sync/sync-operations";
import { parseUrlTemplate } from "../url-template";

// Context-free checks only; the host is checked against the credential by
// validateDestinationAgainstContext on the server.
export const endpointStepSchema = z.object({
  /** The catalogue entry picked, if any; the URL may still be edited freely. */
  endpointId: z
    .string()
    .max(200)
    .optional()
    .describe(
      "A catalogue endpoint id (e.g. contacts.create), or a sync operation: sync.contacts.upsert (create or update a contact), sync.contacts.update, sync.contacts.archive, sync.contacts.delete (by identifier), sync.companies.upsert, sync.companies.upsert_attach",
    ),
  /**
   * Sync operations: which field identifies the contact. Absent: external_id when the record's mapped
   * body carries it, else email.
   */
  syncIdentifier: z.enum(SYNC_IDENTIFIERS, { error: "Choose external_id or email" }).optional(),
  /** "Create or update a company and attach the contact": the record attribute holding the contact's identifier. */
  syncContactAttribute: z.string().trim().max(200).optional(),
  urlTemplate: z
    .string({ error: "Enter the endpoint URL" })
    .trim()
    .superRefine((value, ctx) => {
      const parsed = parseUrlTemplate(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
});
