import { createNoteBody } from "../schemas/contact-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

// Notes live under a contact in v2: `POST /notes` does not exist. From 2.14 Intercom describes the
// notes path's contact id as an integer, so the examples use a digits-only id that every version accepts.
const notePath = { contact_id: "6762012345" };

export const noteEndpoints = defineEndpoints("Notes", [
  {
    id: "notes.create_for_contact",
    name: "Add a note to a contact",
    description: "Adds a note (HTML allowed) to the contact, optionally written by an admin.",
    method: "POST",
    path: "/contacts/{contact_id}/notes",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: createNoteBody,
    requiredBodyFields: ["body"],
    exampleBody: { body: "<p>Imported from the CRM</p>", admin_id: EXAMPLE_IDS.admin },
    examplePathParams: notePath,
  },
  {
    id: "notes.list_for_contact",
    name: "List a contact's notes",
    description: "Lists the notes on a contact.",
    method: "GET",
    path: "/contacts/{contact_id}/notes",
    versions: ALL_VERSIONS,
    access: "read",
    examplePathParams: notePath,
  },
]);
