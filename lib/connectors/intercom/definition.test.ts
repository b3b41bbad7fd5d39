import { afterEach, describe, expect, it } from "vitest";
import { checkEndpoint } from "./check-endpoint";
import { endpointsByObject, findEndpoint, intercomConnector, matchEndpoint, regionBaseUrl } from "./definition";

describe("intercomConnector", () => {
  it("offers 2.11 … 2.16 and Preview, defaulting to the newest stable", () => {
    expect(intercomConnector.apiVersions).toEqual(["2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "Preview"]);
    expect(intercomConnector.defaultApiVersion).toBe("2.16");
  });

  it("has JSON as data and both auth kinds, OAuth with personal/organisational", () => {
    const json = intercomConnector.contentFormats.find((format) => format.id === "json");
    expect(json?.mediaType).toBe("application/json");
    expect(json?.serialize({ a: 1 })).toBe('{"a":1}');
    expect(intercomConnector.authKinds?.map((kind) => kind.id)).toEqual(["access_token", "oauth"]);
    const oauth = intercomConnector.authKinds?.find((kind) => kind.id === "oauth");
    expect(oauth?.oauthKinds?.map((kind) => kind.id)).toEqual(["personal", "organisational"]);
    expect(oauth?.scopes?.length).toBeGreaterThan(5);
  });
});

describe("regionBaseUrl", () => {
  const saved = process.env.INTERCOM_SANDBOX_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.INTERCOM_SANDBOX_URL;
    else process.env.INTERCOM_SANDBOX_URL = saved;
  });

  it("knows Intercom's three hosts", () => {
    expect(regionBaseUrl("us")).toBe("https://api.intercom.io");
    expect(regionBaseUrl("eu")).toBe("https://api.eu.intercom.io");
    expect(regionBaseUrl("au")).toBe("https://api.au.intercom.io");
  });

  it("reads the sandbox URL at call time; without one the region is off", () => {
    delete process.env.INTERCOM_SANDBOX_URL;
    expect(() => regionBaseUrl("sandbox")).toThrow(/region is turned off/);
    process.env.INTERCOM_SANDBOX_URL = "http://127.0.0.1:5999/";
    expect(regionBaseUrl("sandbox")).toBe("http://127.0.0.1:5999");
  });

  it("refuses an unknown region with a clear error", () => {
    expect(() => regionBaseUrl("mars")).toThrow(/Unknown Intercom region "mars"/);
  });
});

describe("findEndpoint", () => {
  it("matches concrete paths against templates and returns the parameters", () => {
    expect(findEndpoint("PUT", "/contacts/abc123", "2.16")?.id).toBe("contacts.update");
    expect(matchEndpoint("DELETE", "/contacts/abc/tags/81")?.pathParams).toEqual({ contact_id: "abc", tag_id: "81" });
    expect(findEndpoint("post", "/contacts/abc123/notes")?.id).toBe("notes.create_for_contact");
  });

  it("accepts full URLs, query strings, trailing slashes and {attribute} placeholders", () => {
    expect(findEndpoint("PUT", "https://api.eu.intercom.io/contacts/{intercom_id}?x=1")?.id).toBe("contacts.update");
    expect(findEndpoint("POST", "https://api.intercom.io/contacts/")?.id).toBe("contacts.create");
    expect(matchEndpoint("GET", "/contacts/a%20b/companies")?.pathParams).toEqual({ contact_id: "a b" });
  });

  it("PATCH /contacts/{id} is not an Intercom endpoint", () => {
    expect(findEndpoint("PATCH", "/contacts/abc123", "2.16")).toBeUndefined();
  });

  it("prefers literal segments: /contacts/bulk is the Preview bulk endpoint, not a contact called 'bulk'", () => {
    expect(findEndpoint("PUT", "/contacts/bulk", "Preview")?.id).toBe("contacts.bulk_update");
    expect(findEndpoint("GET", "/contacts/bulk/job_v2_1", "Preview")?.id).toBe("contacts.bulk_status");
    expect(findEndpoint("GET", "/contacts/find_by_external_id/x", "2.16")?.id).toBe("contacts.find_by_external_id");
  });

  it("respects the version: bulk is Preview only, so in 2.16 PUT /contacts/bulk is 'update contact bulk'", () => {
    expect(findEndpoint("POST", "/contacts/bulk", "2.16")).toBeUndefined();
    expect(findEndpoint("PUT", "/contacts/bulk", "2.16")?.id).toBe("contacts.update");
    expect(findEndpoint("GET", "/contacts/find_by_external_id/x", "2.11")).toBeUndefined();
  });

  it("an unknown path is undefined", () => {
    expect(findEndpoint("GET", "/nothing/here")).toBeUndefined();
  });
});

describe("checkEndpoint", () => {
  it("suggests PUT for PATCH on a contact", () => {
    const check = checkEndpoint("PATCH", "https://api.intercom.io/contacts/{id}", "2.16");
    expect(check).toMatchObject({ ok: false, code: "method_not_allowed", suggestedMethods: ["PUT", "DELETE", "GET"] });
    expect(check.ok ? "" : check.message).toContain("takes PUT");
  });

  it("names the versions when the endpoint exists elsewhere", () => {
    const check = checkEndpoint("POST", "/contacts/bulk", "2.16");
    expect(check).toMatchObject({ ok: false, code: "not_in_version" });
    expect(check.ok ? "" : check.message).toContain("Preview");
  });

  it("accepts a real endpoint and flags an unknown path", () => {
    expect(checkEndpoint("POST", "/contacts/{contact_id}/tags", "2.11")).toMatchObject({ ok: true });
    expect(checkEndpoint("POST", "/notes", "2.16")).toMatchObject({ ok: false, code: "unknown_path" });
  });
});

describe("endpointsByObject", () => {
  it("groups every endpoint once, under its picker heading", () => {
    const groups = endpointsByObject();
    const total = [...groups.values()].reduce((sum, list) => sum + list.length, 0);
    expect(total).toBe(intercomConnector.endpoints.length);
    expect(groups.get("Contacts")?.map((endpoint) => endpoint.id)).toContain("contacts.update");
    expect(groups.get("Bulk contacts (Preview)")?.every((endpoint) => endpoint.versions.join() === "Preview")).toBe(
      true,
    );
  });
});
