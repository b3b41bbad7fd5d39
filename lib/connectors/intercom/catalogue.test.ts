import { describe, expect, it } from "vitest";
import { intercomConnector } from "./definition";
import { pathParamsOf } from "./endpoints/define-endpoints";
import { fillPathTemplate } from "./match-path";

const endpoints = intercomConnector.endpoints;

// Every endpoint the issue names, by method + template (the destination picker depends on them).
const REQUIRED = [
  "POST /contacts",
  "PUT /contacts/{contact_id}",
  "DELETE /contacts/{contact_id}",
  "POST /contacts/{contact_id}/archive",
  "POST /companies",
  "POST /contacts/{contact_id}/companies",
  "POST /contacts/{contact_id}/tags",
  "POST /contacts/{contact_id}/notes",
  "POST /events",
  "POST /conversations",
  "POST /conversations/{conversation_id}/reply",
  "POST /messages",
  "POST /tickets",
  "POST /contacts/bulk",
  "PUT /contacts/bulk",
  "GET /contacts/bulk/{job_id}",
  "GET /me",
  "GET /contacts",
  "POST /contacts/search",
  "GET /companies",
  "GET /contacts/{contact_id}/companies",
  "POST /export/content/data",
  "GET /export/content/data/{job_identifier}",
  "GET /download/content/data/{job_identifier}",
];

describe("the Intercom endpoint catalogue", () => {
  it("contains every endpoint destinations and sources need", () => {
    const present = new Set(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`));
    expect(REQUIRED.filter((key) => !present.has(key))).toEqual([]);
  });

  it("has unique ids and unique method + path", () => {
    expect(new Set(endpoints.map((endpoint) => endpoint.id)).size).toBe(endpoints.length);
    expect(new Set(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).size).toBe(endpoints.length);
  });

  it.each(endpoints.map((endpoint) => [endpoint.id, endpoint] as const))("%s is well formed", (_id, endpoint) => {
    expect(endpoint.path.startsWith("/")).toBe(true);
    expect(endpoint.pathParams).toEqual(pathParamsOf(endpoint.path));
    expect(endpoint.versions.length).toBeGreaterThan(0);
    for (const version of endpoint.versions) expect(intercomConnector.apiVersions).toContain(version);
    expect(endpoint.name.length).toBeGreaterThan(3);
    expect(endpoint.description.length).toBeGreaterThan(10);
    // Examples fill every path parameter, so a concrete URL can be built for the conformance test.
    if (endpoint.pathParams.length > 0)
      expect(() => fillPathTemplate(endpoint.path, endpoint.examplePathParams ?? {})).not.toThrow();
    if (endpoint.access === "write" && endpoint.method !== "DELETE" && endpoint.bodySchema === undefined) {
      expect(endpoint.exampleBody).toBeUndefined(); // body-less writes (archive, unarchive) only
    }
  });

  it.each(endpoints.filter((endpoint) => endpoint.bodySchema).map((endpoint) => [endpoint.id, endpoint] as const))(
    "%s: its example body passes its own zod schema and carries the required fields",
    (_id, endpoint) => {
      expect(endpoint.exampleBody).toBeDefined();
      const parsed = endpoint.bodySchema?.safeParse(endpoint.exampleBody);
      expect(parsed?.success, JSON.stringify(parsed?.error?.issues)).toBe(true);
      for (const field of endpoint.requiredBodyFields ?? []) expect(endpoint.exampleBody).toHaveProperty(field);
    },
  );

  it("body schemas refuse what Intercom refuses: unknown fields, wrong types, missing required fields", () => {
    const byId = (id: string) => endpoints.find((endpoint) => endpoint.id === id)?.bodySchema;
    expect(byId("contacts.create")?.safeParse({ emial: "x@example.com" }).success).toBe(false);
    expect(byId("contacts.create")?.safeParse({ name: "No identifier" }).success).toBe(false);
    expect(byId("contacts.update")?.safeParse({ signed_up_at: "yesterday" }).success).toBe(false);
    expect(byId("notes.create_for_contact")?.safeParse({ admin_id: "1" }).success).toBe(false);
    expect(byId("events.submit")?.safeParse({ event_name: "x", created_at: 1 }).success).toBe(false);
    expect(
      byId("conversations.reply")?.safeParse({ message_type: "comment", type: "admin", body: "no admin" }).success,
    ).toBe(false);
  });

  it("batch endpoints take at most 100 records in `contacts`, and their schema enforces it", () => {
    const batched = endpoints.filter((endpoint) => endpoint.batch);
    expect(batched.map((endpoint) => endpoint.id).sort()).toEqual([
      "contacts.bulk_create",
      "contacts.bulk_delete",
      "contacts.bulk_update",
    ]);
    for (const endpoint of batched) {
      expect(endpoint.batch).toEqual({ property: "contacts", maxItems: 100 });
      const tooMany = {
        contacts: Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, email: `c${i}@example.com` })),
      };
      expect(endpoint.bodySchema?.safeParse(tooMany).success).toBe(false);
    }
  });

  it("jobs point at a status endpoint that exists in the same versions", () => {
    for (const endpoint of endpoints.filter((candidate) => candidate.job)) {
      const status = endpoints.find((candidate) => candidate.id === endpoint.job?.statusEndpointId);
      expect(status?.method).toBe("GET");
      for (const version of endpoint.versions) expect(status?.versions).toContain(version);
    }
  });
});
