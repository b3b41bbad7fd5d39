import { newObjectId, unixSeconds } from "../state/ids";
import { type IntercomRoute, ok, type IntercomRequest } from "../intercom/route-types";
import { since } from "../intercom/versions";
import { userNotFound } from "../http/errors";
import { assertNoConflict, contactChanges, newContactFields, parseContactBody, requireIdentity } from "./contact-input";
import { contactReference, presentContact } from "./contact-view";
import { param, requireActiveContact, requireContact } from "./lookup";

function createContact({ app, body, nowMs, registry, version }: IntercomRequest) {
  const input = parseContactBody(body, version);
  requireIdentity(input);
  const changes = contactChanges(app, input);
  assertNoConflict(app, changes.role ?? "user", changes.email, changes.externalId);
  const fields = newContactFields(newObjectId(nowMs), unixSeconds(nowMs), changes);
  const contact = app.data.contacts.insert(fields, nowMs + registry.searchIndexLagFor(app));
  return ok(presentContact(app, contact));
}

// An archived contact is "User Not Found" to GET and PUT until it is unarchived (Intercom's recorded
// behaviour); archive, unarchive and DELETE still reach it.
function showContact({ app, params }: IntercomRequest) {
  return ok(presentContact(app, requireActiveContact(app, params.contact_id)));
}

function updateContact({ app, params, body, nowMs, version }: IntercomRequest) {
  const contact = requireActiveContact(app, params.contact_id);
  const changes = contactChanges(app, parseContactBody(body, version), contact);
  // Checked against the contact as it would be: a lead turning user now holds its email uniquely.
  const email = changes.email !== undefined ? changes.email : contact.email;
  assertNoConflict(app, changes.role ?? contact.role, email, changes.externalId, contact.id);
  app.data.contacts.update(contact, { ...changes, updatedAt: unixSeconds(nowMs) });
  return ok(presentContact(app, contact));
}

function deleteContact({ app, params }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  for (const companyId of [...contact.companyIds]) app.data.detachCompany(contact.id, companyId);
  app.data.contacts.remove(contact);
  app.data.notesByContact.delete(contact.id);
  return ok({ ...contactReference(contact), deleted: true });
}

function archiveContact(archived: boolean) {
  return ({ app, params }: IntercomRequest) => {
    const contact = requireContact(app, params.contact_id);
    app.data.contacts.setArchived(contact, archived);
    return ok({ ...contactReference(contact), archived });
  };
}

function findByExternalId({ app, params }: IntercomRequest) {
  const contact = app.data.contacts.findByExternalId(param(params, "external_id"));
  if (!contact || contact.archived) throw userNotFound();
  return ok(presentContact(app, contact));
}

export const contactRoutes: IntercomRoute[] = [
  { method: "POST", path: "/contacts", handler: createContact },
  { method: "GET", path: "/contacts/{contact_id}", handler: showContact },
  { method: "PUT", path: "/contacts/{contact_id}", handler: updateContact },
  { method: "DELETE", path: "/contacts/{contact_id}", handler: deleteContact },
  { method: "POST", path: "/contacts/{contact_id}/archive", handler: archiveContact(true) },
  { method: "POST", path: "/contacts/{contact_id}/unarchive", handler: archiveContact(false) },
  // Absent from the 2.11 description, present from 2.14 on.
  {
    method: "GET",
    path: "/contacts/find_by_external_id/{external_id}",
    handler: findByExternalId,
    availableIn: since("2.14"),
  },
];
