import { versionAtLeast } from "../intercom/versions";
import type { ContactRecord, ConversationPart, ConversationRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

// The conversation object (descriptions' `conversation` schema); fields the schema does not allow
// to be null are left out rather than invented.

export function authorView(app: SandboxApp, author: { type: string; id: string }): Record<string, unknown> {
  if (author.type === "admin") return { type: "admin", id: app.admin.id, name: app.admin.name, email: app.admin.email };
  const contact: ContactRecord | undefined = app.data.contacts.get(author.id);
  const view: Record<string, unknown> = { type: author.type, id: author.id, name: contact?.name ?? null };
  if (contact?.email) view.email = contact.email;
  return view;
}

function presentPart(app: SandboxApp, part: ConversationPart) {
  return {
    type: "conversation_part",
    id: part.id,
    part_type: part.partType,
    body: part.body,
    created_at: part.createdAt,
    updated_at: part.createdAt,
    notified_at: part.createdAt,
    assigned_to: null,
    author: authorView(app, part.author),
    attachments: [],
    external_id: null,
    redacted: false,
    state: "open",
    tags: [],
    app_package_code: null,
  };
}

/** Up to 2.14 priority is priority/not_priority and an unassigned conversation has null assignees; 2.16 changed both. */
function versionedFields(version: string): Record<string, unknown> {
  if (versionAtLeast(version, "2.16")) return { priority: "none" };
  return { priority: "not_priority", admin_assignee_id: null, team_assignee_id: null };
}

export function presentConversation(
  app: SandboxApp,
  conversation: ConversationRecord,
  version: string,
): Record<string, unknown> {
  const contact = app.data.contacts.get(conversation.contactId);
  return {
    type: "conversation",
    id: conversation.id,
    created_at: conversation.createdAt,
    updated_at: conversation.updatedAt,
    waiting_since: null,
    snoozed_until: null,
    source: {
      type: "conversation",
      id: conversation.sourceMessageId,
      delivered_as: conversation.deliveredAs,
      subject: conversation.subject,
      body: conversation.body,
      author: authorView(app, conversation.author),
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: {
      type: "contact.list",
      contacts: [{ type: "contact", id: conversation.contactId, external_id: contact?.externalId ?? null }],
    },
    ...versionedFields(version),
    title: null,
    teammates: { type: "admin.list", teammates: [] },
    topics: {},
    open: true,
    state: "open",
    read: false,
    tags: { type: "tag.list", tags: [] },
    custom_attributes: {},
    linked_objects: { type: "list", data: [], total_count: 0, has_more: false },
    ai_agent_participated: false,
    conversation_parts: {
      type: "conversation_part.list",
      conversation_parts: conversation.parts.map((p) => presentPart(app, p)),
      total_count: conversation.parts.length,
    },
  };
}
