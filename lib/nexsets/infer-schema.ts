import { z } from "zod";

export const ATTRIBUTE_TYPES = ["string", "integer", "number", "boolean", "object", "array", "null", "mixed"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** Top-level attributes a Nexset's schema lists; further ones stay in the records, with a notice. */
export const MAX_SCHEMA_ATTRIBUTES = 1_000;
/** Nested paths (e.g. `body.id`, `address.city`) a schema lists in all, across every object attribute. */
export const MAX_NESTED_PATHS = 500;
/** How deep nested paths are followed: `a.b.c.d` is depth 4. */
export const MAX_NESTED_DEPTH = 4;

export interface Attribute {
  name: string;
  type: AttributeType;
  /** Records where the attribute is absent or null. */
  nullCount: number;
  /** For object attributes: the attributes seen inside them (bounded by MAX_NESTED_PATHS). */
  fields?: Attribute[];
}

export const attributeSchema: z.ZodType<Attribute, Attribute> = z.object({
  name: z.string(),
  type: z.enum(ATTRIBUTE_TYPES),
  nullCount: z.number().int().nonnegative(),
  get fields() {
    return z.array(attributeSchema).optional();
  },
});

/** What a Nexset stores: its attributes, and whether some were left out by the cap. */
export interface NexsetSchema {
  attributes: Attribute[];
  truncated: boolean;
}

// Stored as a bare array before the cap existed; both shapes read as a NexsetSchema.
export const nexsetSchemaSchema: z.ZodType<NexsetSchema, unknown> = z.union([
  z.array(attributeSchema).transform((attributes) => ({ attributes, truncated: false })),
  z.object({ attributes: z.array(attributeSchema), truncated: z.boolean().default(false) }),
]);

export const EMPTY_SCHEMA: NexsetSchema = { attributes: [], truncated: false };

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

interface Tally {
  name: string;
  type: AttributeType;
  /** Records (of all, before and now) where the value is present and not null. */
  present: number;
  fields?: Map<string, Tally>;
}

interface Budget {
  nestedPaths: number;
}

/**
 * Folds a batch of records into an existing schema. `previousCount` is how many records the
 * existing schema describes, so an attribute first seen now counts as null in all of those.
 * Linear in the size of the records: each record's own keys are visited once, and null counts
 * are derived from how often a value was present rather than by checking every known attribute
 * against every record.
 */
export function mergeSchema(
  existing: NexsetSchema,
  previousCount: number,
  records: readonly Record<string, unknown>[],
): NexsetSchema {
  const budget: Budget = { nestedPaths: countNested(existing.attributes) };
  const top = toTallies(existing.attributes, previousCount);
  let truncated = existing.truncated;
  for (const record of records) {
    if (!tallyObject(top, record, 1, budget, MAX_SCHEMA_ATTRIBUTES)) truncated = true;
  }
  return { attributes: fromTallies(top, previousCount + records.length), truncated };
}

/** Returns false when a top-level attribute was left out by the cap. */
function tallyObject(
  tallies: Map<string, Tally>,
  object: Record<string, unknown>,
  depth: number,
  budget: Budget,
  limit: number,
): boolean {
  let complete = true;
  for (const name of Object.keys(object)) {
    const value = object[name];
    let tally = tallies.get(name);
    if (!tally) {
      if (depth === 1 ? tallies.size >= limit : budget.nestedPaths >= MAX_NESTED_PATHS) {
        if (depth === 1) complete = false;
        continue;
      }
      if (depth > 1) budget.nestedPaths++;
      tally = { name, type: "null", present: 0 };
      tallies.set(name, tally);
    }
    const type = typeOf(value);
    tally.type = widen(tally.type, type);
    if (type === "null") continue;
    tally.present++;
    if (type === "object" && depth < MAX_NESTED_DEPTH) {
      tally.fields ??= new Map();
      tallyObject(tally.fields, value as Record<string, unknown>, depth + 1, budget, Number.POSITIVE_INFINITY);
    }
  }
  return complete;
}

function toTallies(attributes: readonly Attribute[], count: number): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const attribute of attributes) {
    const tally: Tally = { name: attribute.name, type: attribute.type, present: count - attribute.nullCount };
    if (attribute.fields) tally.fields = toTallies(attribute.fields, count);
    tallies.set(attribute.name, tally);
  }
  return tallies;
}

function fromTallies(tallies: Map<string, Tally>, count: number): Attribute[] {
  return [...tallies.values()].map((tally) => {
    const attribute: Attribute = { name: tally.name, type: tally.type, nullCount: count - tally.present };
    if (tally.fields && tally.fields.size > 0) attribute.fields = fromTallies(tally.fields, count);
    return attribute;
  });
}

function countNested(attributes: readonly Attribute[]): number {
  let count = 0;
  for (const attribute of attributes) {
    if (attribute.fields) count += attribute.fields.length + countNested(attribute.fields);
  }
  return count;
}

/** Every attribute path, nested ones dotted (`address.city`), in schema order: what autocomplete offers. */
export function attributePaths(attributes: readonly Attribute[], prefix = ""): string[] {
  const paths: string[] = [];
  for (const attribute of attributes) {
    const path = prefix + attribute.name;
    paths.push(path);
    if (attribute.fields) paths.push(...attributePaths(attribute.fields, `${path}.`));
  }
  return paths;
}
