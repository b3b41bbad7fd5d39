import { userNotFound } from "../http/errors";
import type { ContactRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

export function requireContact(app: SandboxApp, id: string | undefined): ContactRecord {
  const contact = id === undefined ? undefined : app.data.contacts.get(id);
  if (!contact) throw userNotFound();
  return contact;
}

/** As requireContact, but an archived contact is not found (GET and PUT /contacts/{id}). */
export function requireActiveContact(app: SandboxApp, id: string | undefined): ContactRecord {
  const contact = requireContact(app, id);
  if (contact.archived) throw userNotFound();
  return contact;
}

export const param = (params: Record<string, string>, name: string): string => params[name] ?? "";
