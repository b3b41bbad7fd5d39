import { z } from "zod";

export const ATTRIBUTE_TYPES = ["string", "integer", "number", "boolean", "object", "array", "null", "mixed"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const attributeSchema = z.object({
  name: z.string(),
  type: z.enum(ATTRIBUTE_TYPES),
  /** Records where the attribute is absent or null. */
  nullCount: z.number().int().nonnegative(),
});
export type Attribute = z.infer<typeof attributeSchema>;
export const nexsetSchemaSchema = z.array(attributeSchema);

export function typeOf(value: unknown): AttributeType {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string" || typeof value === "boolean") return typeof value as AttributeType;
  return "object";
}

function widen(a: AttributeType, b: AttributeType): AttributeType {
  if (a === b || b === "null") return a;
  if (a === "null") return b;
  if ((a === "integer" && b === "number") || (a === "number" && b === "integer")) return "number";
  return "mixed";
}

/**
 * Folds a batch of records into an existing schema. `previousCount` is how many records the
 * existing schema describes, so an attribute first seen now counts as null in all of those.
 */
export function mergeSchema(
  existing: Attribute[],
  previousCount: number,
  records: readonly Record<string, unknown>[],
): Attribute[] {
  const byName = new Map(existing.map((a) => [a.name, { ...a }]));
  records.forEach((record, i) => {
    for (const [name, value] of Object.entries(record)) {
      let attr = byName.get(name);
      if (!attr) {
        attr = { name, type: "null", nullCount: previousCount + i };
        byName.set(name, attr);
      }
      attr.type = widen(attr.type, typeOf(value));
      if (value === null || value === undefined) attr.nullCount += 1;
    }
    for (const attr of byName.values()) if (!(attr.name in record)) attr.nullCount += 1;
  });
  return [...byName.values()];
}
