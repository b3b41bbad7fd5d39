import { createTicketBody } from "../schemas/misc-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

export const ticketEndpoints = defineEndpoints("Tickets", [
  {
    id: "tickets.create",
    name: "Create a ticket",
    description: "Creates a ticket of a ticket type for one or more contacts (by id, external_id or email).",
    method: "POST",
    path: "/tickets",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: createTicketBody,
    requiredBodyFields: ["ticket_type_id", "contacts"],
    exampleBody: {
      ticket_type_id: EXAMPLE_IDS.ticketType,
      contacts: [{ email: "jane@example.com" }],
      ticket_attributes: { _default_title_: "Order missing", _default_description_: "Order 1001 has not arrived" },
    },
  },
  {
    id: "tickets.get",
    name: "Get a ticket",
    description: "Fetches one ticket.",
    method: "GET",
    path: "/tickets/{ticket_id}",
    versions: ALL_VERSIONS,
    access: "read",
    examplePathParams: { ticket_id: EXAMPLE_IDS.ticket },
  },
]);
