import { describe, expect, it } from "vitest";
import { bodyFieldsFor, companyBodyFields, contactBodyFields, eventBodyFields } from "./body-fields";
import { DESCRIBED_VERSIONS, descriptionsAvailable, loadDescription } from "./testing/openapi-descriptions";

// The body fields the mapping offers and the panel calls known, checked against the request
// schemas of Intercom's own descriptions, version by version.

const available = descriptionsAvailable();

type SchemaNode = { properties?: Record<string, { type?: string | string[]; format?: string }>; $ref?: string };

function requestProperties(
  version: string,
  schemaName: string,
): Record<string, { type?: string | string[]; format?: string }> {
  const description = loadDescription(version) as unknown as { components: { schemas: Record<string, SchemaNode> } };
  return description.components.schemas[schemaName]?.properties ?? {};
}

function intercomType(property: { type?: string | string[]; format?: string }): string {
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== "null") : property.type;
  if (type === "integer" && property.format === "date-time") return "timestamp";
  return type ?? "unknown";
}

const cases = [
  { schemaName: "create_contact_request", fields: contactBodyFields },
  { schemaName: "update_contact_request", fields: contactBodyFields },
  { schemaName: "create_or_update_company_request", fields: companyBodyFields },
  { schemaName: "create_data_event_request", fields: eventBodyFields },
];

// Parsing a description takes seconds on a busy machine; the first test of each version pays it.
describe.skipIf(!available)("body fields against Intercom's OpenAPI descriptions", { timeout: 60_000 }, () => {
  for (const version of Object.keys(DESCRIBED_VERSIONS)) {
    for (const { schemaName, fields } of cases) {
      it(`${schemaName} in ${version}: the same field names, the same types`, () => {
        const properties = requestProperties(version, schemaName);
        const ours = bodyFieldsFor(fields, version);
        expect(ours.map((field) => field.name).sort()).toEqual(Object.keys(properties).sort());
        for (const field of ours) {
          const theirs = intercomType(properties[field.name]!);
          // Intercom describes remote_created_at as an integer and monthly_spend as an integer it truncates.
          const expected =
            field.type === "float" ? "integer" : field.name === "remote_created_at" ? "integer" : field.type;
          expect(`${field.name}: ${theirs}`).toBe(`${field.name}: ${expected}`);
        }
      });
    }
  }
});

describe("bodyFieldsFor", () => {
  it("gives each version its own type of a field", () => {
    const owner = (version: string) => bodyFieldsFor(contactBodyFields, version).find((f) => f.name === "owner_id");
    expect(owner("2.11")?.type).toBe("integer");
    expect(owner("2.16")?.type).toBe("string");
    expect(bodyFieldsFor(contactBodyFields, "2.14").some((f) => f.name === "email_verified")).toBe(false);
  });
});
