import { z } from "zod";
import { resourceNotFound } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { unixSeconds } from "../state/ids";
import type { NoteRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";
import { presentAdmin } from "./admin-view";
import { requireContact } from "./lookup";

// Notes hang off a contact: POST /contacts/{id}/notes. There is no POST /notes in API v2.

const noteSchema = z.object({
  body: z.string(),
  admin_id: z.union([z.string(), z.number().int()]).optional(),
  contact_id: z.string().optional(),
});

function presentNote(app: SandboxApp, note: NoteRecord) {
  return {
    type: "note",
    id: note.id,
    created_at: note.createdAt,
    contact: { type: "contact", id: note.contactId },
    author: presentAdmin(app),
    body: note.body,
  };
}

function createNote({ app, params, body, nowMs }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const input = parseBody(noteSchema, body);
  if (input.admin_id !== undefined && String(input.admin_id) !== app.admin.id) throw resourceNotFound();
  const html = input.body.trimStart().startsWith("<") ? input.body : `<p>${input.body}</p>`;
  const note: NoteRecord = {
    id: app.data.ids.take("note"),
    contactId: contact.id,
    body: html,
    authorId: app.admin.id,
    createdAt: unixSeconds(nowMs),
  };
  const notes = app.data.notesByContact.get(contact.id) ?? [];
  notes.push(note);
  app.data.notesByContact.set(contact.id, notes);
  return ok(presentNote(app, note));
}

function listNotes({ app, params }: IntercomRequest) {
  const contact = requireContact(app, params.contact_id);
  const notes = [...(app.data.notesByContact.get(contact.id) ?? [])].reverse();
  return ok({
    type: "list",
    data: notes.map((n) => presentNote(app, n)),
    total_count: notes.length,
    pages: { type: "pages", page: 1, per_page: 50, total_pages: Math.max(1, Math.ceil(notes.length / 50)) },
  });
}

export const noteRoutes: IntercomRoute[] = [
  { method: "POST", path: "/contacts/{contact_id}/notes", handler: createNote },
  { method: "GET", path: "/contacts/{contact_id}/notes", handler: listNotes },
];
