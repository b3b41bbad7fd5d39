import { describe, expect, it } from "vitest";
import type { EndpointDefinition } from "@/lib/connectors/types";
import { intercomConnector } from "./definition";
import { fillPathTemplate } from "./match-path";
import {
  DESCRIBED_VERSIONS,
  descriptionsAvailable,
  openApiDir,
  operationKey,
  operationKeys,
  validateRequest,
} from "./testing/openapi-descriptions";
import { STABLE_API_VERSIONS } from "./versions";

// The catalogue checked against Intercom's own OpenAPI descriptions: each endpoint exists in exactly
// the versions it claims, and its example request validates (openapi-backend + ajv) in each of them.

const available = descriptionsAvailable();
const described = Object.keys(DESCRIBED_VERSIONS);
const endpoints = intercomConnector.endpoints;

if (!available) {
  describe("Intercom OpenAPI conformance", () => {
    it.skip(`SKIPPED: Intercom's OpenAPI descriptions were not found in ${openApiDir()} (set INTERCOM_OPENAPI_DIR)`, () => {});
  });
}

describe.skipIf(!available)(`Intercom OpenAPI conformance (${openApiDir()})`, () => {
  const keys = available
    ? new Map(described.map((version) => [version, operationKeys(version)]))
    : new Map<string, Set<string>>();
  const exists = (endpoint: EndpointDefinition, version: string) =>
    keys.get(version)?.has(operationKey(endpoint.method, endpoint.path)) ?? false;

  it("the descriptions are the versions we think they are (a sanity check of the oracle)", () => {
    expect(keys.get("2.16")?.has("PUT /contacts/{}")).toBe(true);
    expect(keys.get("2.16")?.has("PATCH /contacts/{}")).toBe(false);
    expect(keys.get("2.16")?.has("POST /notes")).toBe(false);
    expect(keys.get("Preview")?.has("POST /contacts/bulk")).toBe(true);
    expect(keys.get("2.11")?.has("GET /contacts/find_by_external_id/{}")).toBe(false);
  });

  describe.each(endpoints.map((endpoint) => [endpoint.id, endpoint] as const))("%s", (_id, endpoint) => {
    it.each(described)("exists in %s exactly when it claims to", (version) => {
      expect(exists(endpoint, version), `${endpoint.method} ${endpoint.path} in ${version}`).toBe(
        endpoint.versions.includes(version),
      );
    });

    it("claims the undescribed versions (2.12, 2.13, 2.15) only when both described neighbours have it", () => {
      for (const version of STABLE_API_VERSIONS.filter((v) => !described.includes(v))) {
        const index = STABLE_API_VERSIONS.indexOf(version);
        const before = [...STABLE_API_VERSIONS.slice(0, index)].reverse().find((v) => described.includes(v)) as string;
        const after = STABLE_API_VERSIONS.slice(index + 1).find((v) => described.includes(v)) as string;
        const expected = exists(endpoint, before) && exists(endpoint, after);
        expect(endpoint.versions.includes(version), `${version} (between ${before} and ${after})`).toBe(expected);
      }
    });

    it.each(endpoint.versions.filter((version) => described.includes(version)))(
      "its example request validates against %s",
      async (version) => {
        const path = fillPathTemplate(endpoint.path, endpoint.examplePathParams ?? {});
        const headers: Record<string, string> = {
          "intercom-version": version,
          authorization: "Bearer example",
          accept: "application/json",
        };
        if (endpoint.exampleBody) headers["content-type"] = "application/json";
        const result = await validateRequest(version, {
          method: endpoint.method,
          path,
          headers,
          body: endpoint.exampleBody,
        });
        expect(result.operation && operationKey(...(result.operation.split(" ") as [string, string]))).toBe(
          operationKey(endpoint.method, endpoint.path),
        );
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
      },
    );
  });

  it("the validator is real: requests Intercom would refuse do not validate", async () => {
    const note = await validateRequest("2.16", {
      method: "POST",
      path: "/contacts/abc/notes",
      headers: { "intercom-version": "2.16" },
      body: { admin_id: "1" },
    });
    expect(note.valid).toBe(false);
    const contact = await validateRequest("2.11", {
      method: "POST",
      path: "/contacts",
      headers: { "intercom-version": "2.11" },
      body: { name: "No identifier" },
    });
    expect(contact.valid).toBe(false);
    const tooMany = { contacts: Array.from({ length: 101 }, (_, i) => ({ email: `c${i}@example.com` })) };
    const bulk = await validateRequest("Preview", {
      method: "POST",
      path: "/contacts/bulk",
      headers: { "intercom-version": "Preview" },
      body: tooMany,
    });
    expect(bulk.valid).toBe(false);
    const version = await validateRequest("2.16", {
      method: "GET",
      path: "/me",
      headers: { "intercom-version": "9.99" },
    });
    expect(version.valid).toBe(false);
  });
});
