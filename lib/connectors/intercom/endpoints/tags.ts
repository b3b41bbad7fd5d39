import { attachTagBody } from "../schemas/contact-bodies";
import { createTagBody } from "../schemas/misc-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

export const tagEndpoints = defineEndpoints("Tags", [
  {
    id: "tags.attach_to_contact",
    name: "Tag a contact",
    description: "Attaches an existing tag (by its Intercom id) to the contact.",
    method: "POST",
    path: "/contacts/{contact_id}/tags",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: attachTagBody,
    requiredBodyFields: ["id"],
    exampleBody: { id: EXAMPLE_IDS.tag },
    examplePathParams: { contact_id: EXAMPLE_IDS.contact },
  },
  {
    id: "tags.detach_from_contact",
    name: "Untag a contact",
    description: "Removes the tag from the contact.",
    method: "DELETE",
    path: "/contacts/{contact_id}/tags/{tag_id}",
    versions: ALL_VERSIONS,
    access: "write",
    examplePathParams: { contact_id: EXAMPLE_IDS.contact, tag_id: EXAMPLE_IDS.tag },
  },
  {
    id: "tags.create",
    name: "Create or rename a tag",
    description: "Creates a tag with this name (or renames the tag whose id is given).",
    method: "POST",
    path: "/tags",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: createTagBody,
    requiredBodyFields: ["name"],
    exampleBody: { name: "Imported from CRM" },
  },
  {
    id: "tags.list",
    name: "List tags",
    description: "Lists every tag of the workspace.",
    method: "GET",
    path: "/tags",
    versions: ALL_VERSIONS,
    access: "read",
  },
]);
