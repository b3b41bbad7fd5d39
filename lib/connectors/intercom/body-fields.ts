import type { BodyFieldDefinition } from "@/lib/connectors/types";
import { PREVIEW_ONLY, versionsSince, versionsUntil } from "./versions";

// Top-level request body fields per API version, as Intercom's OpenAPI descriptions give them
// (create_contact_request, update_contact_request, create_or_update_company_request,
// create_data_event_request, create_data_attribute_request in 2.11, 2.14, 2.16 and Preview;
// body-fields.test.ts checks them against those files). Versions without a description of their
// own (2.12, 2.13, 2.15) follow the nearest older one that has one.

export const contactBodyFields: readonly BodyFieldDefinition[] = [
  { name: "role", type: "string" },
  { name: "external_id", type: "string" },
  { name: "email", type: "string" },
  { name: "email_verified", type: "boolean", versions: versionsSince("2.16", { preview: true }) },
  { name: "phone", type: "string" },
  { name: "name", type: "string" },
  { name: "avatar", type: "string" },
  { name: "signed_up_at", type: "timestamp" },
  { name: "last_seen_at", type: "timestamp" },
  // An integer through 2.15, a string from 2.16.
  { name: "owner_id", type: "integer", versions: versionsUntil("2.15") },
  { name: "owner_id", type: "string", versions: versionsSince("2.16", { preview: true }) },
  { name: "unsubscribed_from_emails", type: "boolean" },
  { name: "language_override", type: "string", versions: PREVIEW_ONLY },
  { name: "custom_attributes", type: "object", customAttributesOf: "contact" },
];

export const companyBodyFields: readonly BodyFieldDefinition[] = [
  { name: "name", type: "string" },
  { name: "company_id", type: "string" },
  { name: "plan", type: "string" },
  { name: "size", type: "integer" },
  { name: "website", type: "string" },
  { name: "industry", type: "string" },
  { name: "custom_attributes", type: "object", customAttributesOf: "company" },
  // Described as a plain integer, but it is a time like the others: Unix seconds.
  { name: "remote_created_at", type: "timestamp" },
  // Described as an integer; Intercom truncates a float, so one is accepted.
  { name: "monthly_spend", type: "float" },
  { name: "update_last_request_at", type: "boolean", versions: versionsSince("2.16", { preview: true }) },
];

export const eventBodyFields: readonly BodyFieldDefinition[] = [
  { name: "event_name", type: "string" },
  { name: "created_at", type: "timestamp" },
  { name: "user_id", type: "string" },
  { name: "id", type: "string" },
  { name: "email", type: "string" },
  { name: "metadata", type: "object" },
];

export const dataAttributeBodyFields: readonly BodyFieldDefinition[] = [
  { name: "name", type: "string" },
  { name: "model", type: "string" },
  { name: "data_type", type: "string" },
  { name: "description", type: "string" },
  { name: "options", type: "array" },
  { name: "messenger_writable", type: "boolean" },
];

/** The fields an endpoint's body has in `version` (the first definition of a name wins). */
export function bodyFieldsFor(
  fields: readonly BodyFieldDefinition[] | undefined,
  version: string,
): BodyFieldDefinition[] {
  if (!fields) return [];
  const seen = new Set<string>();
  return fields.filter((field) => {
    if (field.versions && !field.versions.includes(version)) return false;
    if (seen.has(field.name)) return false;
    seen.add(field.name);
    return true;
  });
}
