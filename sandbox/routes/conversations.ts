import { z } from "zod";
import { parameterInvalid, resourceNotFound, userNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { unixSeconds } from "../state/ids";
import type { ContactRecord, ConversationRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";
import { presentConversation } from "./conversation-view";

const createSchema = z.object({
  from: z.object({ type: z.enum(["lead", "user", "contact"]), id: z.string() }),
  body: z.string(),
  subject: z.string().optional(),
  created_at: z.number().int().optional(),
});

/** A contact starts a conversation; Intercom answers with the user message it created. */
function createConversation({ app, body, nowMs }: IntercomRequest) {
  const input = parseBody(createSchema, body);
  const contact = app.data.contacts.get(input.from.id);
  if (!contact) throw userNotFound();
  const createdAt = input.created_at ?? unixSeconds(nowMs);
  const conversation: ConversationRecord = {
    id: app.data.ids.take("conversation", 100),
    contactId: contact.id,
    sourceMessageId: app.data.ids.take("message", 403_918_000),
    subject: input.subject ?? "",
    body: input.body,
    author: { type: contact.role, id: contact.id },
    deliveredAs: "customer_initiated",
    createdAt,
    updatedAt: createdAt,
    parts: [],
  };
  app.data.conversations.set(conversation.id, conversation);
  return ok({
    type: "user_message",
    id: conversation.sourceMessageId,
    created_at: createdAt,
    body: input.body,
    message_type: "inapp",
    conversation_id: conversation.id,
  });
}

function requireConversation(app: SandboxApp, id: string | undefined): ConversationRecord {
  const conversation = id === undefined ? undefined : app.data.conversations.get(id);
  if (!conversation) throw resourceNotFound();
  return conversation;
}

function showConversation({ app, params, version }: IntercomRequest) {
  return ok(presentConversation(app, requireConversation(app, params.conversation_id), version));
}

const replySchema = z.object({
  type: z.enum(["admin", "user"]),
  message_type: z.enum(["comment", "note", "quick_reply"]),
  body: z.string().optional(),
  admin_id: z.union([z.string(), z.number().int()]).optional(),
  intercom_user_id: z.string().optional(),
  user_id: z.string().optional(),
  email: z.string().optional(),
  created_at: z.number().int().optional(),
});

function replyAuthor(app: SandboxApp, input: z.output<typeof replySchema>): { type: string; id: string } {
  if (input.type === "admin") {
    if (input.admin_id === undefined) throw parameterInvalid("admin_id is a required parameter");
    if (String(input.admin_id) !== app.admin.id) throw resourceNotFound();
    return { type: "admin", id: app.admin.id };
  }
  if (input.message_type !== "comment") throw parameterInvalid("message_type must be comment for a contact reply");
  const contact: ContactRecord | undefined =
    (input.intercom_user_id !== undefined && app.data.contacts.get(input.intercom_user_id)) ||
    (input.user_id !== undefined && app.data.contacts.findByExternalId(input.user_id)) ||
    (input.email !== undefined && app.data.contacts.findByEmail(input.email)) ||
    undefined;
  if (!contact) throw userNotFound();
  return { type: contact.role, id: contact.id };
}

function replyToConversation({ app, params, body, nowMs, version }: IntercomRequest) {
  const conversation = requireConversation(app, params.conversation_id);
  const input = parseBody(replySchema, body);
  const author = replyAuthor(app, input);
  if (input.message_type !== "quick_reply" && !input.body) throw parameterInvalid("Body is required");
  const createdAt = input.created_at ?? unixSeconds(nowMs);
  const partType =
    input.message_type === "note" ? "note" : input.message_type === "quick_reply" ? "quick_reply" : "comment";
  conversation.parts.push({ id: app.data.ids.take("part"), partType, body: input.body ?? "", author, createdAt });
  conversation.updatedAt = createdAt;
  return ok(presentConversation(app, conversation, version));
}

export const conversationRoutes: IntercomRoute[] = [
  { method: "POST", path: "/conversations", handler: createConversation },
  { method: "GET", path: "/conversations/{conversation_id}", handler: showConversation },
  { method: "POST", path: "/conversations/{conversation_id}/reply", handler: replyToConversation },
];
