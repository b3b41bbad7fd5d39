import { z } from "zod";
import { parameterInvalid, parameterNotFound, userNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { refuseUnknownFields, knownFields } from "../intercom/unknown-fields";
import type { IntercomRequest, IntercomRoute } from "../intercom/route-types";

// POST /events answers 202 with an empty body; a duplicate (same contact, name, created_at) is
// accepted and ignored; an unknown contact is a 404.

const eventSchema = z.object({
  event_name: z.string().min(1, { message: "event_name must not be empty" }),
  created_at: z.number().int(),
  user_id: z.string().optional(),
  id: z.string().optional(),
  email: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Metadata is flat, except Intercom's two structured values: rich links and monetary amounts. */
function checkMetadata(metadata: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || typeof value !== "object") continue;
    const keys = Object.keys(value).sort().join(",");
    if (keys !== "url,value" && keys !== "amount,currency")
      throw parameterInvalid(`metadata '${key}' must not be a nested JSON object`);
  }
}

const eventFields = knownFields(eventSchema.shape)("");

function submitEvent({ app, body }: IntercomRequest) {
  refuseUnknownFields(body, eventFields);
  const input = parseBody(eventSchema, body);
  if (input.id === undefined && input.user_id === undefined && input.email === undefined) {
    throw parameterNotFound("One of id, user_id or email is required");
  }
  if (input.metadata) checkMetadata(input.metadata);
  const contact =
    (input.id !== undefined && app.data.contacts.get(input.id)) ||
    (input.user_id !== undefined && app.data.contacts.findByExternalId(input.user_id)) ||
    (input.email !== undefined && app.data.contacts.findByEmail(input.email)) ||
    undefined;
  if (!contact) throw userNotFound();
  app.data.rememberEvent({
    eventName: input.event_name,
    createdAt: input.created_at,
    contactId: contact.id,
    metadata: input.metadata ?? {},
  });
  return { status: 202 };
}

export const eventRoutes: IntercomRoute[] = [{ method: "POST", path: "/events", handler: submitEvent }];
