import { z } from "zod";
import { IntercomError, parameterInvalid, parameterNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { knownFields, refuseUnknownFields } from "../intercom/unknown-fields";
import { PREVIEW_VERSION, versionAtLeast } from "../intercom/versions";
import type { NewContact } from "../state/contact-store";
import type { ContactRecord, ContactRole } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";
import { checkCustomAttributes } from "./custom-attributes";

// Request bodies of create/update contact (create_contact_request / update_contact_request).
// A field Intercom does not know (in the request's version) is a 400, see unknown-fields.ts.

const nullableString = z.string().nullable().optional();
const timestamp = z.number().int().nullable().optional();

export const contactBodySchema = z.object({
  role: z.string().optional(),
  external_id: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.boolean().nullable().optional(),
  phone: nullableString,
  name: nullableString,
  avatar: nullableString,
  signed_up_at: timestamp,
  last_seen_at: timestamp,
  owner_id: z.union([z.string(), z.number().int()]).nullable().optional(),
  unsubscribed_from_emails: z.boolean().nullable().optional(),
  language_override: nullableString,
  custom_attributes: z.record(z.string(), z.unknown()).nullable().optional(),
});

export type ContactBody = z.output<typeof contactBodySchema>;

const ROLES: readonly ContactRole[] = ["user", "lead"];
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

// email_verified is described from 2.16, language_override only in Preview.
const contactFieldsIn = knownFields(contactBodySchema.shape, {
  email_verified: (version) => !versionAtLeast(version, "2.16"),
  language_override: (version) => version !== PREVIEW_VERSION,
});

/** `version` is given for a contact body; a bulk item (which carries more: id, companies, tags) has its own schema. */
export function parseContactBody(body: unknown, version?: string): ContactBody {
  if (version !== undefined) refuseUnknownFields(body, contactFieldsIn(version));
  return parseBody(contactBodySchema, body);
}

/** Field changes for a create or an update, after Intercom's checks (role, email, custom attributes). */
export function contactChanges(app: SandboxApp, body: ContactBody, existing?: ContactRecord): Partial<NewContact> {
  if (body.role !== undefined && !ROLES.includes(body.role as ContactRole))
    throw parameterInvalid("role must be one of: user, lead");
  if (body.email !== undefined && body.email !== "" && !EMAIL_PATTERN.test(body.email))
    throw parameterInvalid("Email address is invalid");
  if (body.custom_attributes) checkCustomAttributes(app, "contact", body.custom_attributes);
  const changes: Partial<NewContact> = {};
  if (body.role !== undefined) changes.role = body.role as ContactRole;
  if (body.external_id !== undefined) changes.externalId = body.external_id === "" ? null : body.external_id;
  if (body.email !== undefined) changes.email = body.email === "" ? null : body.email;
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.name !== undefined) changes.name = body.name;
  if (body.avatar !== undefined) changes.avatar = body.avatar;
  if (body.signed_up_at !== undefined) changes.signedUpAt = body.signed_up_at;
  if (body.last_seen_at !== undefined) changes.lastSeenAt = body.last_seen_at;
  if (body.owner_id !== undefined) changes.ownerId = body.owner_id === null ? null : String(body.owner_id);
  if (body.unsubscribed_from_emails !== undefined)
    changes.unsubscribedFromEmails = body.unsubscribed_from_emails ?? false;
  if (body.language_override !== undefined) changes.languageOverride = body.language_override;
  if (body.custom_attributes)
    changes.customAttributes = { ...(existing?.customAttributes ?? {}), ...body.custom_attributes };
  return changes;
}

export function requireIdentity(body: ContactBody): void {
  if (body.email === undefined && body.external_id === undefined && body.role === undefined) {
    throw parameterNotFound("Either email, external_id or role must be supplied");
  }
}

/**
 * Intercom's 409 when another contact already holds this external_id, or (for a user) this email.
 * An archived holder gets its own wording; both name the id (recorded Intercom answers, see
 * sandbox/README evidence: "An archived contact matching those details already exists with id=…").
 */
export function assertNoConflict(
  app: SandboxApp,
  role: ContactRole,
  email: string | null | undefined,
  externalId: string | null | undefined,
  exceptId?: string,
): void {
  const existing = app.data.contacts.findConflict(role, email ?? null, externalId ?? null, exceptId);
  if (!existing) return;
  const subject = existing.archived ? "An archived contact" : "A contact";
  throw new IntercomError(409, "conflict", `${subject} matching those details already exists with id=${existing.id}`);
}

export function newContactFields(id: string, nowSeconds: number, changes: Partial<NewContact>): NewContact {
  return {
    id,
    role: changes.role ?? "user",
    email: changes.email ?? null,
    externalId: changes.externalId ?? null,
    phone: changes.phone ?? null,
    name: changes.name ?? null,
    avatar: changes.avatar ?? null,
    ownerId: changes.ownerId ?? null,
    signedUpAt: changes.signedUpAt ?? null,
    lastSeenAt: changes.lastSeenAt ?? null,
    unsubscribedFromEmails: changes.unsubscribedFromEmails ?? false,
    languageOverride: changes.languageOverride ?? null,
    customAttributes: changes.customAttributes ?? {},
    createdAt: nowSeconds,
    updatedAt: nowSeconds,
  };
}
