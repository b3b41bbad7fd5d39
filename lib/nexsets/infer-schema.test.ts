import { describe, expect, it } from "vitest";
import {
  EMPTY_SCHEMA,
  MAX_NESTED_PATHS,
  MAX_SCHEMA_ATTRIBUTES,
  attributePaths,
  mergeSchema,
  nexsetSchemaSchema,
} from "./infer-schema";

describe("mergeSchema", () => {
  it("infers types and counts absent or null values", () => {
    const schema = mergeSchema(EMPTY_SCHEMA, 0, [
      { email: "a@x.io", age: 30, vip: true, tags: ["a"] },
      { email: null, age: 30.5, address: { city: "Paris" } },
    ]);
    expect(schema.truncated).toBe(false);
    expect(schema.attributes).toEqual([
      { name: "email", type: "string", nullCount: 1 },
      { name: "age", type: "number", nullCount: 0 },
      { name: "vip", type: "boolean", nullCount: 1 },
      { name: "tags", type: "array", nullCount: 1 },
      { name: "address", type: "object", nullCount: 1, fields: [{ name: "city", type: "string", nullCount: 1 }] },
    ]);
  });

  it("counts earlier records as null for an attribute first seen later", () => {
    const first = mergeSchema(EMPTY_SCHEMA, 0, [{ a: 1 }, { a: 2 }]);
    const next = mergeSchema(first, 2, [{ a: "x", b: 1 }]);
    expect(next.attributes).toEqual([
      { name: "a", type: "mixed", nullCount: 0 },
      { name: "b", type: "integer", nullCount: 2 },
    ]);
  });

  it("treats attribute names that are Object.prototype members as ordinary names", () => {
    const schema = mergeSchema(EMPTY_SCHEMA, 0, [
      { constructor: "x", toString: 1 },
      { email: "a@x.io" },
      { __proto__: "p", hasOwnProperty: true },
    ] as Record<string, unknown>[]);
    const byName = Object.fromEntries(schema.attributes.map((a) => [a.name, a.nullCount]));
    expect(byName).toMatchObject({ constructor: 2, toString: 2, email: 2, hasOwnProperty: 2 });
  });

  it("reads each record's keys a bounded number of times, however many attributes are known", () => {
    // Counts every property access on the records: quadratic inference asks each record about
    // every attribute known so far (2,000 × 2,000 here).
    let operations = 0;
    const count = <T>(value: T) => {
      operations++;
      return value;
    };
    const records = Array.from(
      { length: 2_000 },
      (_, i) =>
        new Proxy({ [`key_${i}`]: i } as Record<string, unknown>, {
          has: (target, key) => count(key in target),
          get: (target, key) => count(Reflect.get(target, key)),
          ownKeys: (target) => count(Reflect.ownKeys(target)),
          getOwnPropertyDescriptor: (target, key) => count(Reflect.getOwnPropertyDescriptor(target, key)),
        }),
    );
    const schema = mergeSchema(EMPTY_SCHEMA, 0, records);
    expect(schema.attributes).toHaveLength(MAX_SCHEMA_ATTRIBUTES);
    expect(operations).toBeLessThan(records.length * 10);
  });

  it("caps the schema at MAX_SCHEMA_ATTRIBUTES and says so; 80,000 distinct keys are handled", () => {
    const records = Array.from({ length: 80_000 }, (_, i) => ({ [`k${i}`]: i }));
    const schema = mergeSchema(EMPTY_SCHEMA, 0, records);
    expect(schema.attributes).toHaveLength(MAX_SCHEMA_ATTRIBUTES);
    expect(schema.truncated).toBe(true);
    expect(schema.attributes[0]).toEqual({ name: "k0", type: "integer", nullCount: 79_999 });
    // A later batch of known attributes still updates counts, and the notice stays.
    const next = mergeSchema(schema, 80_000, [{ k0: 1 }]);
    expect(next.truncated).toBe(true);
    expect(next.attributes[0]?.nullCount).toBe(79_999);
  });

  it("records nested paths, bounded in number and depth", () => {
    const schema = mergeSchema(EMPTY_SCHEMA, 0, [
      { type: "contact", body: { id: "c1", location: { city: "Paris", geo: { lat: { deg: 1 } } } } },
      { body: null },
    ]);
    expect(attributePaths(schema.attributes)).toEqual([
      "type",
      "body",
      "body.id",
      "body.location",
      "body.location.city",
      "body.location.geo",
      "body.location.geo.lat",
    ]);
    const wide = mergeSchema(EMPTY_SCHEMA, 0, [
      { data: Object.fromEntries(Array.from({ length: MAX_NESTED_PATHS + 50 }, (_, i) => [`f${i}`, i])) },
    ]);
    expect(wide.attributes[0]?.fields).toHaveLength(MAX_NESTED_PATHS);
  });

  it("reads schemas stored before the cap as a bare list", () => {
    expect(nexsetSchemaSchema.parse([{ name: "a", type: "string", nullCount: 0 }])).toEqual({
      attributes: [{ name: "a", type: "string", nullCount: 0 }],
      truncated: false,
    });
  });
});
