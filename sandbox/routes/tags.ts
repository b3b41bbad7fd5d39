import { z } from "zod";
import { resourceNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { knownFields, refuseUnknownFields } from "../intercom/unknown-fields";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { unixSeconds } from "../state/ids";
import type { ContactRecord, TagRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";
import { requireContact } from "./lookup";

const createTagSchema = z.object({
  name: z.string().min(1, { message: "name must not be empty" }),
  id: z.string().optional(),
  users: z.array(z.object({ id: z.string() })).optional(),
  companies: z
    .array(z.object({ id: z.string().optional(), company_id: z.string().optional(), untag: z.boolean().optional() }))
    .optional(),
});

const tagFields = knownFields(createTagSchema.shape)("");

function findTagByName(app: SandboxApp, name: string): TagRecord | undefined {
  for (const tag of app.data.tags.values()) if (tag.name === name) return tag;
  return undefined;
}

/** POST /tags: create (or rename, with `id`) a tag, optionally tagging contacts (`users`) or companies. */
function createTag({ app, body, nowMs }: IntercomRequest) {
  refuseUnknownFields(body, tagFields);
  const input = parseBody(createTagSchema, body);
  let tag: TagRecord;
  if (input.id !== undefined) {
    const existing = app.data.tags.get(input.id);
    if (!existing) throw resourceNotFound();
    existing.name = input.name;
    tag = existing;
  } else {
    tag = findTagByName(app, input.name) ?? { id: app.data.ids.take("tag", 100), name: input.name };
    app.data.tags.set(tag.id, tag);
  }
  const users = (input.users ?? []).map(({ id }) => {
    const contact = app.data.contacts.get(id);
    contact?.tags.set(tag.id, unixSeconds(nowMs));
    return { id, tagged: contact !== undefined };
  });
  const companies = (input.companies ?? []).map(({ id, company_id, untag }) => ({
    id: id ?? company_id ?? "",
    tagged: !untag,
  }));
  const view: Record<string, unknown> = { type: "tag", id: tag.id, name: tag.name };
  if (input.users) view.users = users;
  if (input.companies) view.companies = companies;
  return ok(view);
}

function listTags({ app }: IntercomRequest) {
  return ok({ type: "list", data: [...app.data.tags.values()].map((t) => ({ type: "tag", id: t.id, name: t.name })) });
}

function appliedTag(app: SandboxApp, contact: ContactRecord, tag: TagRecord) {
  return {
    type: "tag",
    id: tag.id,
    name: tag.name,
    applied_at: contact.tags.get(tag.id) ?? null,
    applied_by: { type: "admin", id: app.admin.id },
  };
}

const attachSchema = z.object({ id: z.string() });

function attachTag({ app, params, body, nowMs }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const { id } = parseBody(attachSchema, body);
  const tag = app.data.tags.get(id);
  if (!tag) throw resourceNotFound();
  if (!contact.tags.has(tag.id)) contact.tags.set(tag.id, unixSeconds(nowMs));
  return ok(appliedTag(app, contact, tag));
}

function detachTag({ app, params }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const tag = app.data.tags.get(params.tag_id ?? "");
  if (!tag) throw resourceNotFound();
  const view = appliedTag(app, contact, tag);
  contact.tags.delete(tag.id);
  return ok(view);
}

function listContactTags({ app, params }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const tags = [...contact.tags.keys()].flatMap((id) => {
    const tag = app.data.tags.get(id);
    return tag ? [appliedTag(app, contact, tag)] : [];
  });
  return ok({ type: "list", data: tags });
}

export const tagRoutes: IntercomRoute[] = [
  { method: "POST", path: "/tags", handler: createTag },
  { method: "GET", path: "/tags", handler: listTags },
  { method: "POST", path: "/contacts/{contact_id}/tags", handler: attachTag },
  { method: "GET", path: "/contacts/{contact_id}/tags", handler: listContactTags },
  { method: "DELETE", path: "/contacts/{contact_id}/tags/{tag_id}", handler: detachTag },
];
