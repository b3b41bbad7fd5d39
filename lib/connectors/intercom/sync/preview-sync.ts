import { identifierValue, parseMappedBody, type SyncInput } from "./run-sync";
import {
  archiveCall,
  attachCall,
  createCall,
  deleteCall,
  jsonCall,
  searchCall,
  type SyncCall,
  unarchiveCall,
  updateCall,
} from "./sync-calls";

// The calls one record may cause, built by the same constructors the runner uses, for the Sample
// Payload panel: `{id}` stands for the id Intercom's answer will give.

export interface PreviewedCall {
  call: SyncCall;
  when: string;
}

export interface SyncPreview {
  calls: PreviewedCall[];
  /** Set when the record would cause no call at all (its identifier is missing or empty). */
  problem?: string;
}

const ID = "{id}";
const COMPANY_ID = "{company id}";

/** The constructors encode ids for a path; the preview shows the placeholder as typed. */
const readable = (call: SyncCall): SyncCall => ({ ...call, url: call.url.replaceAll(encodeURIComponent(ID), ID) });

export function previewSyncCalls(input: SyncInput): SyncPreview {
  const { base } = input;
  const body = input.body ?? "{}";
  const parsed = parseMappedBody(body);
  const value = identifierValue(parsed?.[input.identifier]);
  const missing = (name: string) => ({
    calls: [],
    problem: `This record has no ${name} (missing or empty): nothing would be sent`,
  });
  const on = (call: SyncCall, when: string): PreviewedCall => ({ call: readable(call), when });
  const search = () => on(searchCall(base, input.identifier, value ?? ""), `finds the contact by ${input.identifier}`);

  switch (input.kind) {
    case "contact_upsert": {
      if (value === undefined) return missing(input.identifier);
      const lead = input.identifier === "email" && parsed?.role === "lead";
      return {
        calls: [
          ...(lead ? [search()] : []),
          on(createCall(base, body), lead ? "when the search finds no contact" : "always"),
          on(unarchiveCall(base, ID), "when the 409 names an archived contact"),
          on(
            updateCall(base, ID, body),
            lead ? "when the search finds one contact" : "when Intercom answers 409 (its answer names the id)",
          ),
          ...(lead ? [] : [{ ...search(), when: "only when a 409 names no id" }]),
        ],
      };
    }
    case "contact_update":
      if (value === undefined) return missing(input.identifier);
      return { calls: [search(), on(updateCall(base, ID, body), "when exactly one contact matches")] };
    case "contact_archive":
    case "contact_delete": {
      if (value === undefined) return missing(input.identifier);
      const act = input.kind === "contact_archive" ? archiveCall(base, ID) : deleteCall(base, ID);
      return { calls: [search(), on(act, "when exactly one contact matches; none is “already gone”")] };
    }
    case "company_upsert":
      return {
        calls: [
          on(jsonCall(base, "company", "POST", "/companies", body), "always (creates, or updates by company_id)"),
        ],
      };
    case "company_upsert_attach": {
      const contact = identifierValue(input.contactIdentifierValue);
      if (contact === undefined) return missing(`contact ${input.identifier}`);
      return {
        calls: [
          on(jsonCall(base, "company", "POST", "/companies", body), "always (creates, or updates by company_id)"),
          on(createCall(base, JSON.stringify({ [input.identifier]: contact })), "creates the contact, or 409 names it"),
          on(unarchiveCall(base, ID), "when the 409 names an archived contact"),
          on(attachCall(base, ID, COMPANY_ID), "always"),
        ],
      };
    }
  }
}
