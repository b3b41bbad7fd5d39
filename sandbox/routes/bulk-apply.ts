import { z } from "zod";
import { IntercomError } from "../http/errors";
import { newObjectId, unixSeconds } from "../state/ids";
import type { BulkItemResult, BulkTask } from "../state/jobs";
import { newCompanyRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";
import { assertNoConflict, contactChanges, newContactFields, parseContactBody } from "./contact-input";

// Applies one bulk task's items when it completes. Items are independent: a rejected item (a
// duplicate, an unknown id, a bad field) leaves the others applied and marks the job
// completed_with_errors, as the Preview description says.

const companyRef = z.object({ company_id: z.string(), name: z.string().optional(), remove: z.boolean().optional() });
const tagRef = z.object({ id: z.string() });
const extrasSchema = z.object({
  companies: z.array(companyRef).optional(),
  tags: z.object({ add: z.array(tagRef).optional(), remove: z.array(tagRef).optional() }).optional(),
});

function applyExtras(app: SandboxApp, contactId: string, item: Record<string, unknown>, nowMs: number): void {
  const extras = extrasSchema.parse(item);
  const now = unixSeconds(nowMs);
  for (const ref of extras.companies ?? []) {
    let companyId = app.data.companyIdsByRemoteId.get(ref.company_id);
    if (ref.remove) {
      if (companyId) app.data.detachCompany(contactId, companyId);
      continue;
    }
    if (!companyId) {
      companyId = newObjectId(nowMs);
      app.data.companies.set(companyId, {
        ...newCompanyRecord(companyId, ref.company_id, now),
        name: ref.name ?? null,
      });
      app.data.companyIdsByRemoteId.set(ref.company_id, companyId);
    }
    app.data.attachCompany(contactId, companyId);
  }
  const contact = app.data.contacts.get(contactId);
  // Tag application is best-effort: unknown tag ids are skipped.
  for (const { id } of extras.tags?.add ?? []) if (app.data.tags.has(id)) contact?.tags.set(id, now);
  for (const { id } of extras.tags?.remove ?? []) contact?.tags.delete(id);
}

function applyItem(
  app: SandboxApp,
  task: BulkTask,
  item: Record<string, unknown>,
  nowMs: number,
  searchIndexLagMs: number,
): Omit<BulkItemResult, "index"> {
  const id = typeof item.id === "string" ? item.id : "";
  if (task.kind === "delete") {
    const contact = app.data.contacts.get(id);
    if (!contact) return { outcome: "rejected", error: { code: "not_found", message: "User Not Found" } };
    for (const companyId of [...contact.companyIds]) app.data.detachCompany(contact.id, companyId);
    app.data.contacts.remove(contact);
    return { outcome: "deleted", contactId: id };
  }
  if (task.kind === "update") {
    const contact = app.data.contacts.get(id);
    if (!contact) return { outcome: "rejected", error: { code: "not_found", message: "User Not Found" } };
    const changes = contactChanges(app, parseContactBody(item), contact);
    assertNoConflict(app, changes.role ?? contact.role, changes.email, changes.externalId, contact.id);
    app.data.contacts.update(contact, { ...changes, updatedAt: unixSeconds(nowMs) });
    applyExtras(app, contact.id, item, nowMs);
    return { outcome: "updated", contactId: id };
  }
  const changes = contactChanges(app, parseContactBody(item));
  assertNoConflict(app, changes.role ?? "user", changes.email, changes.externalId);
  // Created by a job or one by one, a contact reaches the search index late all the same.
  const fields = newContactFields(newObjectId(nowMs), unixSeconds(nowMs), changes);
  const contact = app.data.contacts.insert(fields, nowMs + searchIndexLagMs);
  applyExtras(app, contact.id, item, nowMs);
  return { outcome: "created", contactId: contact.id };
}

export function completeBulkTask(app: SandboxApp, task: BulkTask, nowMs: number, searchIndexLagMs: number): void {
  if (task.results) return;
  task.results = task.items.map((item, index) => {
    try {
      return { index, ...applyItem(app, task, item, nowMs, searchIndexLagMs) };
    } catch (error) {
      const first = error instanceof IntercomError ? error.errors[0] : undefined;
      const failure = first ?? {
        code: "parameter_invalid",
        message: error instanceof Error ? error.message : "invalid item",
      };
      return { index, outcome: "rejected" as const, error: { code: failure.code, message: failure.message } };
    }
  });
}
