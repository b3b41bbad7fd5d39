import type { EndpointDefinition } from "@/lib/connectors/types";
import { upsertCompanyBody } from "../schemas/company-bodies";
import { createContactBody } from "../schemas/contact-bodies";
import { ALL_VERSIONS } from "../versions";

// Sync operations: catalogue entries a user picks like any endpoint, where one record may cause a
// short sequence of calls (planned and run by run-sync.ts). `method` + `path` are the call the
// record's mapped body is built for (what the request builder produces); `sequence` is what the
// Sample Payload panel lists as the calls a record may cause.

export const SYNC_IDENTIFIERS = ["external_id", "email"] as const;
export type SyncIdentifier = (typeof SYNC_IDENTIFIERS)[number];

export const SYNC_OPERATION_KINDS = [
  "contact_upsert",
  "contact_update",
  "contact_archive",
  "contact_delete",
  "company_upsert",
  "company_upsert_attach",
] as const;
export type SyncOperationKind = (typeof SYNC_OPERATION_KINDS)[number];

export interface SyncOperationDefinition extends EndpointDefinition {
  sync: {
    kind: SyncOperationKind;
    /** The identifiers the user may choose from (the contact's, for the company + attach mode). */
    identifiers: readonly SyncIdentifier[];
    /** Each call a record may cause, in order, with when it happens. */
    sequence: readonly { call: string; when: string }[];
  };
}

const common = { object: "Sync (create or update by identifier)", versions: ALL_VERSIONS, pathParams: [] } as const;
const SEARCH = { call: "POST /contacts/search", when: "to find the contact by its identifier" };
const UNARCHIVE = { call: "POST /contacts/{id}/unarchive", when: "when the 409 names an archived contact" };
const companyCommon = {
  ...common,
  method: "POST",
  path: "/companies",
  access: "write",
  bodySchema: upsertCompanyBody,
  requiredBodyFields: ["company_id"],
} as const;
const COMPANY = { call: "POST /companies", when: "always (creates, or updates by company_id)" };

export const intercomSyncOperations: readonly SyncOperationDefinition[] = Object.freeze([
  {
    ...common,
    id: "sync.contacts.upsert",
    name: "Create or update a contact",
    description:
      "Creates the contact; when Intercom answers 409 naming the existing contact, updates that one with the same body (unarchiving it first if it was archived). A re-sync updates Intercom instead of stopping at “already exists”.",
    method: "POST",
    path: "/contacts",
    access: "write",
    bodySchema: createContactBody,
    sync: {
      kind: "contact_upsert",
      identifiers: SYNC_IDENTIFIERS,
      sequence: [
        { call: "POST /contacts", when: "always (a lead identified by email: only when the search finds none)" },
        UNARCHIVE,
        { call: "PUT /contacts/{id}", when: "when Intercom answers 409 (the id taken from its answer)" },
        { ...SEARCH, when: "only when the 409 names no id, or first for a lead identified by email" },
      ],
    },
  },
  {
    ...common,
    id: "sync.contacts.update",
    name: "Update a contact by identifier",
    description: "Finds the contact by its identifier and updates it; never creates one. No match is an error record.",
    method: "POST",
    path: "/contacts",
    access: "write",
    bodySchema: createContactBody,
    sync: {
      kind: "contact_update",
      identifiers: SYNC_IDENTIFIERS,
      sequence: [SEARCH, { call: "PUT /contacts/{id}", when: "when exactly one contact matches" }],
    },
  },
  {
    ...common,
    id: "sync.contacts.archive",
    name: "Archive a contact by identifier",
    description: "Finds the contact by its identifier and archives it. No match is recorded as “already gone”.",
    method: "POST",
    path: "/contacts",
    access: "write",
    sync: {
      kind: "contact_archive",
      identifiers: SYNC_IDENTIFIERS,
      sequence: [SEARCH, { call: "POST /contacts/{id}/archive", when: "when exactly one contact matches" }],
    },
  },
  {
    ...common,
    id: "sync.contacts.delete",
    name: "Delete a contact by identifier",
    description:
      "Finds the contact by its identifier and deletes it permanently. No match is recorded as “already gone”.",
    method: "POST",
    path: "/contacts",
    access: "write",
    sync: {
      kind: "contact_delete",
      identifiers: SYNC_IDENTIFIERS,
      sequence: [SEARCH, { call: "DELETE /contacts/{id}", when: "when exactly one contact matches" }],
    },
  },
  {
    ...companyCommon,
    id: "sync.companies.upsert",
    name: "Create or update a company",
    description:
      "POST /companies creates the company, or updates the one with the same company_id: one call per record.",
    sync: {
      kind: "company_upsert",
      identifiers: [],
      sequence: [COMPANY],
    },
  },
  {
    ...companyCommon,
    id: "sync.companies.upsert_attach",
    name: "Create or update a company and attach the contact",
    description:
      "Creates or updates the company, finds (or creates) the contact by the record's contact identifier, and attaches the contact to the company.",
    sync: {
      kind: "company_upsert_attach",
      identifiers: SYNC_IDENTIFIERS,
      sequence: [
        COMPANY,
        { call: "POST /contacts", when: "with only the contact's identifier: creates it, or 409 names it" },
        UNARCHIVE,
        { call: "POST /contacts/{id}/companies", when: "always, attaching the contact to the company" },
      ],
    },
  },
]);

export function findSyncOperation(id: string | undefined): SyncOperationDefinition | undefined {
  return id === undefined ? undefined : intercomSyncOperations.find((operation) => operation.id === id);
}

/** external_id when the mapped body carries one, else email (the default). */
export function defaultSyncIdentifier(mappedFields: Iterable<string>): SyncIdentifier {
  for (const field of mappedFields) if (field === "external_id") return "external_id";
  return "email";
}
