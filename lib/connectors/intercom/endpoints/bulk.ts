import {
  BULK_MAX_ITEMS,
  bulkCreateContactsBody,
  bulkDeleteContactsBody,
  bulkUpdateContactsBody,
} from "../schemas/bulk-bodies";
import { PREVIEW_ONLY } from "../versions";
import { defineEndpoints, EXAMPLE_IDS } from "./define-endpoints";

const batch = { property: "contacts", maxItems: BULK_MAX_ITEMS };
const job = { statusEndpointId: "contacts.bulk_status", idProperty: "id" };

// Preview only: each call queues a job; GET /contacts/bulk/{id} reports pending → running → completed(_with_errors).
export const bulkEndpoints = defineEndpoints("Bulk contacts (Preview)", [
  {
    id: "contacts.bulk_create",
    name: "Bulk create contacts",
    description: "Creates up to 100 contacts in one call (strict create: existing ones are rejected in the job).",
    method: "POST",
    path: "/contacts/bulk",
    versions: PREVIEW_ONLY,
    access: "write",
    bodySchema: bulkCreateContactsBody,
    requiredBodyFields: ["contacts"],
    batch,
    job,
    exampleBody: {
      contacts: [
        { external_id: "crm-1001", email: "jane@example.com", name: "Jane Doe", role: "user" },
        { external_id: "crm-1002", email: "sam@example.com", name: "Sam Lee", custom_attributes: { plan: "pro" } },
      ],
    },
  },
  {
    id: "contacts.bulk_update",
    name: "Bulk update contacts",
    description: "Updates up to 100 contacts (each identified by its Intercom id) in one call.",
    method: "PUT",
    path: "/contacts/bulk",
    versions: PREVIEW_ONLY,
    access: "write",
    bodySchema: bulkUpdateContactsBody,
    requiredBodyFields: ["contacts"],
    batch,
    job,
    exampleBody: {
      contacts: [{ id: EXAMPLE_IDS.contact, name: "Jane Doe", tags: { add: [{ id: EXAMPLE_IDS.tag }] } }],
    },
  },
  {
    id: "contacts.bulk_delete",
    name: "Bulk delete contacts",
    description: "Permanently deletes up to 100 contacts (by Intercom id) in one call.",
    method: "POST",
    path: "/contacts/bulk/delete",
    versions: PREVIEW_ONLY,
    access: "write",
    bodySchema: bulkDeleteContactsBody,
    requiredBodyFields: ["contacts"],
    batch,
    job,
    exampleBody: { contacts: [{ id: EXAMPLE_IDS.contact }] },
  },
  {
    id: "contacts.bulk_status",
    name: "Get a bulk contacts job",
    description: "Reports a bulk job's state: pending, running, completed or completed_with_errors.",
    method: "GET",
    path: "/contacts/bulk/{job_id}",
    versions: PREVIEW_ONLY,
    access: "read",
    examplePathParams: { job_id: EXAMPLE_IDS.bulkJob },
  },
]);
