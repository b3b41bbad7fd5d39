import { describe, expect, it } from "vitest";
import { findEndpoint as intercomFindEndpoint } from "@/lib/connectors/intercom/definition";
import type { EndpointDefinition } from "@/lib/connectors/types";
import type { CatalogueLookup } from "./build-types";
import { buildWarnings } from "./build-warnings";
import { buildRequests } from "./request-builder";
import { destinationConfigSchema } from "./schemas";

// A small catalogue as test data, so these tests pin the warning logic, not the catalogue's contents.
const endpoint = (
  fields: Partial<EndpointDefinition> & Pick<EndpointDefinition, "id" | "name" | "method" | "path" | "versions">,
): EndpointDefinition => ({
  object: "Contacts",
  description: "",
  pathParams: [],
  access: fields.method === "GET" ? "read" : "write",
  ...fields,
});
const CATALOGUE = [
  endpoint({
    id: "contacts.create",
    name: "Create a contact",
    method: "POST",
    path: "/contacts",
    versions: ["2.11", "2.16"],
    requiredBodyFields: ["role", "owner.id"],
  }),
  endpoint({
    id: "contacts.get",
    name: "Get a contact",
    method: "GET",
    path: "/contacts/{contact_id}",
    versions: ["2.11", "2.16"],
  }),
  endpoint({
    id: "contacts.update",
    name: "Update a contact",
    method: "PUT",
    path: "/contacts/{contact_id}",
    versions: ["2.11", "2.16"],
  }),
  endpoint({
    id: "contacts.delete",
    name: "Delete a contact",
    method: "DELETE",
    path: "/contacts/{contact_id}",
    versions: ["2.11", "2.16"],
  }),
  endpoint({
    id: "contacts.bulk",
    name: "Bulk create contacts",
    method: "POST",
    path: "/contacts/bulk",
    versions: ["Preview"],
    batch: { property: "contacts", maxItems: 2 },
  }),
];
const samePath = (template: string, path: string) => {
  const a = template.split("/");
  const b = path.split("/");
  return (
    a.length === b.length &&
    a.every((segment, i) => segment === b[i] || (segment.startsWith("{") && !/^(bulk)$/.test(b[i]!)))
  );
};
const lookup: CatalogueLookup = (method, path, version) =>
  CATALOGUE.find(
    (e) => e.method === method && samePath(e.path, path) && (version === undefined || e.versions.includes(version)),
  );

const request = (method: string, body: unknown, count = 1) => ({
  method,
  body: body === undefined ? undefined : JSON.stringify(body),
  recordIndexes: Array.from({ length: count }, (_, i) => i),
});
const cfg = (urlTemplate: string, intercomVersion = "2.16") => ({ urlTemplate, intercomVersion });

describe("buildWarnings", () => {
  it("suggests the method Intercom takes on that path", () => {
    expect(buildWarnings(request("PATCH", { name: "x" }), cfg("/contacts/{id}"), lookup)).toEqual([
      "Intercom has no PATCH /contacts/{contact_id} in 2.16; update a contact with PUT",
    ]);
    expect(buildWarnings(request("DELETE", undefined), cfg("/contacts"), lookup)).toEqual([
      "Intercom has no DELETE /contacts in 2.16; create a contact with POST",
    ]);
  });

  it("names the versions an endpoint exists in", () => {
    expect(buildWarnings(request("POST", { contacts: [] }), cfg("/contacts/bulk"), lookup)).toEqual([
      "Intercom has no POST /contacts/bulk in 2.16; it exists in Preview",
    ]);
  });

  it("says so when a path is not in the catalogue at all", () => {
    expect(buildWarnings(request("POST", {}), cfg("/widgets"), lookup)).toEqual([
      "Intercom has no POST /widgets in 2.16 (it is not in Flowgate's endpoint catalogue); check the method and path",
    ]);
  });

  it("lists required body fields that are missing (dotted paths too)", () => {
    expect(buildWarnings(request("POST", { role: "user", owner: { id: 1 } }), cfg("/contacts"), lookup)).toEqual([]);
    expect(
      buildWarnings(request("POST", { role: "", owner: {} }), cfg("https://api.intercom.io/contacts"), lookup),
    ).toEqual([
      'Intercom requires "role" in the body of Create a contact',
      'Intercom requires "owner.id" in the body of Create a contact',
    ]);
  });

  it("warns when a batch exceeds the endpoint's maximum, or the records are not where it expects them", () => {
    expect(buildWarnings(request("POST", { contacts: [1, 2] }, 2), cfg("/contacts/bulk", "Preview"), lookup)).toEqual(
      [],
    );
    expect(
      buildWarnings(request("POST", { contacts: [1, 2, 3] }, 3), cfg("/contacts/bulk", "Preview"), lookup),
    ).toEqual(["This request carries 3 items; Intercom's Bulk create contacts takes at most 2 (lower the batch size)"]);
    expect(buildWarnings(request("POST", [1, 2], 2), cfg("/contacts/bulk", "Preview"), lookup)).toEqual([
      'Intercom\'s Bulk create contacts expects the records in a "contacts" list',
    ]);
  });

  it("warns when a one-record endpoint receives a batch, or the body is not JSON", () => {
    expect(buildWarnings(request("POST", [{ role: "user" }, { role: "user" }], 2), cfg("/contacts"), lookup)).toEqual([
      "Intercom's Create a contact takes one record per request, but this one carries 2; turn batching off or choose a bulk endpoint",
    ]);
    expect(buildWarnings({ method: "POST", body: "a,b", recordIndexes: [0] }, cfg("/contacts"), lookup)).toEqual([
      "The body is not JSON; Intercom's Create a contact expects JSON",
    ]);
  });
});

describe("warnings in built requests, with the Intercom catalogue", () => {
  it("flags PATCH /contacts/{id} and suggests PUT (the Sample Payload panel's example)", async () => {
    const config = destinationConfigSchema.parse({ method: "PATCH", urlTemplate: "/contacts/{id}" });
    const ctx = {
      baseUrl: "https://api.intercom.io",
      maskToken: true,
      runCode: () => Promise.reject(new Error("unused")),
      findEndpoint: intercomFindEndpoint,
    };
    const result = await buildRequests([{ id: "abc", name: "Ada" }], config, ctx);
    expect(result.requests[0]!.warnings).toEqual([
      "Intercom has no PATCH /contacts/{contact_id} in 2.16; update a contact with PUT",
    ]);
    const put = await buildRequests(
      [{ id: "abc", name: "Ada" }],
      { ...config, method: "PUT", excludedAttributes: ["id"] },
      ctx,
    );
    expect(put.requests[0]!.warnings).toEqual([]);
  });

  it("names body fields the endpoint does not define in the chosen version", async () => {
    const ctx = {
      baseUrl: "https://api.intercom.io",
      maskToken: true,
      runCode: () => Promise.reject(new Error("unused")),
      findEndpoint: intercomFindEndpoint,
    };
    const record = { email: "ada@example.com", full_name: "Ada", email_verified: true };
    const v216 = destinationConfigSchema.parse({ urlTemplate: "/contacts", intercomVersion: "2.16" });
    const v211 = { ...v216, intercomVersion: "2.11" };
    const [latest, older] = await Promise.all([buildRequests([record], v216, ctx), buildRequests([record], v211, ctx)]);
    expect(latest.requests[0]!.warnings).toEqual([
      'Intercom\'s Create a contact has no field "full_name" in 2.16: Intercom refuses unknown fields (map them in Map fields, or exclude them)',
    ]);
    // email_verified exists from 2.16 only.
    expect(older.requests[0]!.warnings).toEqual([
      'Intercom\'s Create a contact has no fields "full_name", "email_verified" in 2.11: Intercom refuses unknown fields (map them in Map fields, or exclude them)',
    ]);
    // Endpoints described by a strict body schema only (tags) are checked with it.
    const tag = destinationConfigSchema.parse({ urlTemplate: "/tags" });
    const tags = await buildRequests([{ name: "vip", colour: "red" }], tag, ctx);
    expect(tags.requests[0]!.warnings).toEqual([expect.stringContaining('has no field "colour"')]);
  });
});
