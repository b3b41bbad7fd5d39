import { createConversationBody, replyConversationBody } from "../schemas/conversation-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

export const conversationEndpoints = defineEndpoints("Conversations", [
  {
    id: "conversations.create",
    name: "Create a conversation",
    description: "Starts a conversation from a contact (user or lead, by Intercom id).",
    method: "POST",
    path: "/conversations",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: createConversationBody,
    requiredBodyFields: ["from", "body"],
    exampleBody: { from: { type: "user", id: EXAMPLE_IDS.contact }, body: "Hello, my order has not arrived." },
  },
  {
    id: "conversations.reply",
    name: "Reply to a conversation",
    description: "Adds a reply from an admin (comment or note) or from the contact.",
    method: "POST",
    path: "/conversations/{conversation_id}/reply",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: replyConversationBody,
    requiredBodyFields: ["message_type", "type"],
    exampleBody: {
      message_type: "comment",
      type: "admin",
      admin_id: EXAMPLE_IDS.admin,
      body: "Thanks, we are looking into it.",
    },
    examplePathParams: { conversation_id: EXAMPLE_IDS.conversation },
  },
  {
    id: "conversations.get",
    name: "Get a conversation",
    description: "Fetches one conversation with its parts.",
    method: "GET",
    path: "/conversations/{conversation_id}",
    versions: ALL_VERSIONS,
    access: "read",
    examplePathParams: { conversation_id: EXAMPLE_IDS.conversation },
  },
  {
    id: "conversations.list",
    name: "List conversations",
    description: "Lists conversations with cursor pagination.",
    method: "GET",
    path: "/conversations",
    versions: ALL_VERSIONS,
    access: "read",
    queryParams: ["per_page", "starting_after"],
    pagination: "cursor",
  },
]);
