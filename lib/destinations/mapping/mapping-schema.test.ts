import { describe, expect, it } from "vitest";
import { destinationConfigSchema } from "../schemas";
import { MAX_MAPPING_ROWS } from "../steps/mapping-step";
import { mappingSourceErrors } from "./check-mapping-sources";

// Bad input at the Map fields step: each problem is a message at its row, and nothing parses.

const attr = (target: string, path: string) => ({ target, source: { kind: "attribute", path }, type: "auto" });
function issues(rows: unknown[]) {
  const parsed = destinationConfigSchema.safeParse({ urlTemplate: "/contacts", mapping: { enabled: true, rows } });
  expect(parsed.success).toBe(false);
  return parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("the mapping in the destination schema", () => {
  it("names an invalid target path, source path and template at their row", () => {
    expect(issues([attr("custom_attributes..plan", "plan")])).toEqual([
      ["mapping.rows.0.target", '"custom_attributes..plan" has an empty part (two dots, or a dot at an end)'],
    ]);
    expect(issues([attr("email", "address.")])).toEqual([
      ["mapping.rows.0.source.path", '"address." has an empty part (two dots, or a dot at an end)'],
    ]);
    expect(issues([attr("__proto__.x", "a")])).toEqual([
      ["mapping.rows.0.target", '"__proto__" can\'t be a field name in a body'],
    ]);
    expect(issues([{ target: "name", source: { kind: "template", template: "{first_name" } }])).toEqual([
      ["mapping.rows.0.source.template", 'The placeholder at position 1 is not closed with "}"'],
    ]);
    expect(issues([{ target: "name", source: { kind: "template", template: "Jane" } }])[0]?.[1]).toContain(
      "for fixed text use a constant",
    );
  });

  it("refuses a constant that is not valid for its type", () => {
    expect(
      issues([{ target: "custom_attributes.seats", source: { kind: "constant", value: "twelve" }, type: "integer" }]),
    ).toEqual([["mapping.rows.0.source.value", 'The constant "twelve" is not a whole number (integer)']]);
    expect(
      issues([{ target: "custom_attributes.meta", source: { kind: "constant", value: "{bad json" } }])[0]?.[1],
    ).toContain("is not valid JSON");
    const fine = destinationConfigSchema.safeParse({
      urlTemplate: "/contacts",
      mapping: {
        enabled: true,
        rows: [{ target: "role", source: { kind: "constant", value: "lead" }, type: "string" }],
      },
    });
    expect(fine.success).toBe(true);
  });

  it("refuses two rows writing the same field, or one inside the other", () => {
    expect(issues([attr("email", "a"), attr("email", "b")])).toEqual([
      ["mapping.rows.1.target", '"email" is already the target of row 1'],
    ]);
    expect(issues([attr("custom_attributes", "a"), attr("custom_attributes.plan", "b")])[0]?.[1]).toContain("overlap");
  });

  it(`refuses more than ${MAX_MAPPING_ROWS} rows (500 here) with one message`, () => {
    const rows = Array.from({ length: 500 }, (_, i) => attr(`custom_attributes.a${i}`, `a${i}`));
    expect(issues(rows)).toEqual([["mapping.rows", `A mapping can have at most ${MAX_MAPPING_ROWS} rows`]]);
  });

  it("keeps configs without a mapping valid, as they were", () => {
    const parsed = destinationConfigSchema.parse({ urlTemplate: "/contacts" });
    expect(parsed.mapping).toBeUndefined();
  });
});

describe("mappingSourceErrors", () => {
  const schema = {
    truncated: false,
    attributes: [
      { name: "email", type: "string" as const, nullCount: 0 },
      {
        name: "body",
        type: "object" as const,
        nullCount: 0,
        fields: [{ name: "id", type: "string" as const, nullCount: 0 }],
      },
    ],
  };
  const mapping = (rows: unknown[]) =>
    destinationConfigSchema.parse({ urlTemplate: "/contacts", mapping: { enabled: true, rows } }).mapping;

  it("names rows that read an attribute the Nexset does not have, in a path or a template", () => {
    const rows = [
      attr("email", "emial"),
      attr("external_id", "body.id"),
      { target: "name", source: { kind: "template", template: "{email} {fist_name}" } },
    ];
    expect(mappingSourceErrors(mapping(rows), schema)).toEqual([
      { path: "config.mapping.rows.0.source.path", message: 'The Nexset has no attribute "emial"' },
      {
        path: "config.mapping.rows.2.source.template",
        message: "The template reads {fist_name}, which the Nexset does not have",
      },
    ]);
  });

  it("checks nothing when the mapping is off or the schema was capped", () => {
    const rows = [attr("email", "emial")];
    expect(mappingSourceErrors({ ...mapping(rows)!, enabled: false }, schema)).toEqual([]);
    expect(mappingSourceErrors(mapping(rows), { ...schema, truncated: true })).toEqual([]);
  });
});
