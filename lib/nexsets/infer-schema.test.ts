import { describe, expect, it } from "vitest";
import { mergeSchema } from "./infer-schema";

describe("mergeSchema", () => {
  it("infers types and counts absent or null values", () => {
    const schema = mergeSchema([], 0, [
      { email: "a@x.io", age: 30, vip: true, tags: ["a"] },
      { email: null, age: 30.5, address: { city: "Paris" } },
    ]);
    expect(schema).toEqual([
      { name: "email", type: "string", nullCount: 1 },
      { name: "age", type: "number", nullCount: 0 },
      { name: "vip", type: "boolean", nullCount: 1 },
      { name: "tags", type: "array", nullCount: 1 },
      { name: "address", type: "object", nullCount: 1 },
    ]);
  });

  it("counts earlier records as null for an attribute first seen later", () => {
    const first = mergeSchema([], 0, [{ a: 1 }, { a: 2 }]);
    const next = mergeSchema(first, 2, [{ a: "x", b: 1 }]);
    expect(next).toEqual([
      { name: "a", type: "mixed", nullCount: 0 },
      { name: "b", type: "integer", nullCount: 2 },
    ]);
  });
});
