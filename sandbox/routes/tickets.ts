import { z } from "zod";
import { parameterInvalid, resourceNotFound, userNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { versionAtLeast } from "../intercom/versions";
import { unixSeconds } from "../state/ids";
import type { ContactRecord, TicketRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

// Every sandbox app has one ticket type, "Bug Report" (id "1"), like a fresh workspace's default.
export const DEFAULT_TICKET_TYPE_ID = "1";

function presentTicketType(app: SandboxApp) {
  const attribute = (id: string, name: string, order: number) => ({
    type: "ticket_type_attribute",
    id,
    workspace_id: app.id,
    name,
    description: "",
    data_type: "string",
    input_options: { multiline: order === 1 },
    order,
    required_to_create: false,
    required_to_create_for_contacts: false,
    visible_on_create: true,
    visible_to_contacts: true,
    default: true,
    ticket_type_id: Number(DEFAULT_TICKET_TYPE_ID),
    archived: false,
    created_at: app.createdAt,
    updated_at: app.createdAt,
  });
  return {
    type: "ticket_type",
    id: DEFAULT_TICKET_TYPE_ID,
    category: "Customer",
    name: "Bug Report",
    description: "Bug Report Template",
    icon: "🎟️",
    workspace_id: app.id,
    archived: false,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    is_internal: false,
    ticket_type_attributes: {
      type: "list",
      data: [attribute("1", "_default_title_", 0), attribute("2", "_default_description_", 1)],
    },
  };
}

const contactRef = z.union([
  z.object({ id: z.string() }),
  z.object({ external_id: z.string() }),
  z.object({ email: z.string() }),
]);

const ticketSchema = z.object({
  ticket_type_id: z.string(),
  contacts: z.array(contactRef).min(1, { message: "contacts must name one contact" }),
  ticket_attributes: z.record(z.string(), z.unknown()).optional(),
  company_id: z.string().optional(),
  created_at: z.number().int().optional(),
  skip_notifications: z.boolean().optional(),
});

function findContact(app: SandboxApp, ref: z.output<typeof contactRef>): ContactRecord | undefined {
  if ("id" in ref) return app.data.contacts.get(ref.id);
  if ("external_id" in ref) return app.data.contacts.findByExternalId(ref.external_id);
  return app.data.contacts.findByEmail(ref.email);
}

/** 2.11 reports the state as a bare string; assignee ids are strings up to 2.14 and integers from 2.16. */
function versionedFields(version: string): Record<string, unknown> {
  const state = versionAtLeast(version, "2.14")
    ? { type: "ticket_state", id: "1", category: "submitted", internal_label: "Submitted", external_label: "Submitted" }
    : "submitted";
  const unassigned = versionAtLeast(version, "2.16") ? 0 : "0";
  return { ticket_state: state, admin_assignee_id: unassigned, team_assignee_id: unassigned };
}

function presentTicket(app: SandboxApp, ticket: TicketRecord, version: string) {
  return {
    type: "ticket",
    id: ticket.id,
    ticket_id: ticket.ticketId,
    category: "Customer",
    ticket_attributes: ticket.attributes,
    ...versionedFields(version),
    ticket_type: presentTicketType(app),
    contacts: {
      type: "contact.list",
      contacts: ticket.contactIds.map((id) => ({
        type: "contact",
        id,
        external_id: app.data.contacts.get(id)?.externalId ?? null,
      })),
    },
    created_at: ticket.createdAt,
    updated_at: ticket.createdAt,
    open: true,
    linked_objects: { type: "list", data: [], total_count: 0, has_more: false },
    ticket_parts: { type: "ticket_part.list", ticket_parts: [], total_count: 0 },
    is_shared: false,
  };
}

function createTicket({ app, body, nowMs, version }: IntercomRequest) {
  const input = parseBody(ticketSchema, body);
  if (input.ticket_type_id !== DEFAULT_TICKET_TYPE_ID) throw resourceNotFound();
  // The description: "Currently only one is allowed".
  if (input.contacts.length > 1) throw parameterInvalid("Only one contact is allowed");
  const contact = findContact(app, input.contacts[0]!);
  if (!contact) throw userNotFound();
  const ticket: TicketRecord = {
    id: app.data.ids.take("conversation", 100),
    ticketId: app.data.ids.take("ticket"),
    ticketTypeId: input.ticket_type_id,
    contactIds: [contact.id],
    attributes: input.ticket_attributes ?? {},
    createdAt: input.created_at ?? unixSeconds(nowMs),
  };
  app.data.tickets.set(ticket.id, ticket);
  return ok(presentTicket(app, ticket, version));
}

function showTicket({ app, params, version }: IntercomRequest) {
  const ticket = app.data.tickets.get(params.ticket_id ?? "");
  if (!ticket) throw resourceNotFound();
  return ok(presentTicket(app, ticket, version));
}

export const ticketRoutes: IntercomRoute[] = [
  { method: "POST", path: "/tickets", handler: createTicket },
  { method: "GET", path: "/tickets/{ticket_id}", handler: showTicket },
  { method: "GET", path: "/ticket_types", handler: ({ app }) => ok({ type: "list", data: [presentTicketType(app)] }) },
];
