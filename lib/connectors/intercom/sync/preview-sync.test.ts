import { describe, expect, it } from "vitest";
import { previewSyncCalls } from "./preview-sync";

const base = { baseUrl: "https://api.intercom.io", headers: { "Content-Type": "application/json" } };

describe("previewSyncCalls", () => {
  it("lists create, unarchive, update (same body) and the fallback search for create or update", () => {
    const body = JSON.stringify({ external_id: "crm 1", name: "Ann" });
    const preview = previewSyncCalls({ kind: "contact_upsert", identifier: "external_id", base, body });
    expect(preview.calls.map(({ call }) => `${call.method} ${call.url}`)).toEqual([
      "POST https://api.intercom.io/contacts",
      "POST https://api.intercom.io/contacts/{id}/unarchive",
      "PUT https://api.intercom.io/contacts/{id}",
      "POST https://api.intercom.io/contacts/search",
    ]);
    expect(preview.calls[2]!.call.body).toBe(body);
    expect(JSON.parse(preview.calls[3]!.call.body!)).toMatchObject({
      query: { field: "external_id", operator: "=", value: "crm 1" },
    });
    expect(preview.calls[1]!.call.headers).toEqual({});
  });

  it("says nothing would be sent when the identifier is missing", () => {
    const preview = previewSyncCalls({ kind: "contact_archive", identifier: "email", base, body: '{"email":""}' });
    expect(preview).toEqual({ calls: [], problem: expect.stringContaining("no email") as unknown });
  });
});
