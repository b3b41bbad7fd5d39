import { gzipSync } from "node:zlib";
import type { MessageRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

// The content data export file: a gzipped CSV, one receipt per message sent in the date range.
// Columns are those of the descriptions' `data_export_csv` schema, in its order.

export const EXPORT_COLUMNS = [
  "user_id",
  "user_external_id",
  "company_id",
  "email",
  "name",
  "ruleset_id",
  "content_id",
  "content_type",
  "content_title",
  "ruleset_version_id",
  "receipt_id",
  "received_at",
  "series_id",
  "series_title",
  "node_id",
  "first_reply",
  "first_completion",
  "first_series_completion",
  "first_series_disengagement",
  "first_series_exit",
  "first_goal_success",
  "first_open",
  "first_click",
  "first_dismisall",
  "first_unsubscribe",
  "first_hard_bounce",
] as const;

const DAY = 86_400;

/** Messages whose day falls in [after's day, before's day] — Intercom's ranges include both days. */
export function messagesInRange(app: SandboxApp, after: number, before: number): MessageRecord[] {
  const from = Math.floor(after / DAY) * DAY;
  const to = Math.floor(before / DAY) * DAY + DAY;
  return app.data.messages.filter((m) => m.createdAt >= from && m.createdAt < to);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function buildExportFile(app: SandboxApp, messages: MessageRecord[]): Buffer {
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const message of messages) {
    const contact = app.data.contacts.get(message.contactId);
    const row: Record<(typeof EXPORT_COLUMNS)[number], string | number> = {
      user_id: message.contactId,
      user_external_id: contact?.externalId ?? "",
      company_id: contact ? ([...contact.companyIds][0] ?? "") : "",
      email: contact?.email ?? "",
      name: contact?.name ?? "",
      ruleset_id: message.id,
      content_id: message.id,
      content_type: message.messageType === "email" ? "Email" : "Chat",
      content_title: message.subject,
      ruleset_version_id: message.id,
      receipt_id: `${message.id}-${message.contactId}`,
      received_at: message.createdAt,
      series_id: "-1",
      series_title: "",
      node_id: "-1",
      first_reply: "",
      first_completion: "",
      first_series_completion: "",
      first_series_disengagement: "",
      first_series_exit: "",
      first_goal_success: "",
      first_open: "",
      first_click: "",
      first_dismisall: "",
      first_unsubscribe: "",
      first_hard_bounce: "",
    };
    lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(","));
  }
  return gzipSync(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
}
