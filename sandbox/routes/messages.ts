import { z } from "zod";
import { IntercomError, parameterInvalid, resourceNotFound, userNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { unixSeconds } from "../state/ids";
import { presentAdmin } from "./admin-view";

// POST /messages: an admin-initiated in-app message or email. Each one is also what the content
// data export reports on (one receipt per message).

const recipient = z.object({ type: z.enum(["user", "lead"]), id: z.string() });

const messageSchema = z.object({
  message_type: z.enum(["in_app", "inapp", "email"]),
  subject: z.string().optional(),
  body: z.string().optional(),
  template: z.enum(["plain", "personal"]).optional(),
  from: z.object({ type: z.literal("admin"), id: z.union([z.number().int(), z.string()]) }),
  to: z.union([recipient, z.array(recipient).min(1).max(1)]),
  created_at: z.number().int().optional(),
  create_conversation_without_contact_reply: z.boolean().optional(),
});

function createMessage({ app, body, nowMs }: IntercomRequest) {
  const input = parseBody(messageSchema, body);
  if (!input.body) throw parameterInvalid("Body is required");
  const isEmail = input.message_type === "email";
  if (isEmail && !input.subject)
    throw new IntercomError(422, "parameter_not_found", "No subject supplied for email message");
  if (String(input.from.id) !== app.admin.id) throw resourceNotFound();
  const to = Array.isArray(input.to) ? input.to[0]! : input.to;
  const contact = app.data.contacts.get(to.id);
  if (!contact) throw userNotFound();
  const createdAt = input.created_at ?? unixSeconds(nowMs);
  const id = app.data.ids.take("admin_message", 1);
  const conversationId = input.create_conversation_without_contact_reply
    ? app.data.ids.take("conversation", 100)
    : null;
  app.data.messages.push({
    id,
    messageType: isEmail ? "email" : "inapp",
    subject: input.subject ?? "",
    body: input.body,
    contactId: contact.id,
    conversationId,
    createdAt,
  });
  const view: Record<string, unknown> = {
    type: "admin_message",
    id,
    created_at: createdAt,
    subject: input.subject ?? "",
    body: input.body,
    message_type: isEmail ? "email" : "inapp",
    owner: presentAdmin(app),
  };
  if (conversationId) view.conversation_id = conversationId;
  return ok(view);
}

export const messageRoutes: IntercomRoute[] = [{ method: "POST", path: "/messages", handler: createMessage }];
