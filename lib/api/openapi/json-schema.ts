import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * zod → JSON Schema 2020-12 (what OpenAPI 3.1 embeds). Dates travel as ISO strings and BigInts as
 * decimal strings (see lib/api/json.ts). Named ($defs) schemas are hoisted into `defs` and their
 * references rewritten to #/components/schemas/…, since a schema inside an OpenAPI document cannot
 * point at its own root.
 */
export function toOpenApiSchema(
  schema: z.ZodType,
  io: "input" | "output",
  defs: Record<string, JsonSchema>,
): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      const type = zodSchema._zod.def.type;
      if (type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
      if (type === "bigint") Object.assign(jsonSchema, { type: "string", pattern: "^-?[0-9]+$" });
    },
  }) as JsonSchema;
  const { $schema: _ignored, $defs, ...rest } = generated;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>))
    defs[name] = rewriteRefs(def) as JsonSchema;
  return rewriteRefs(rest) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(v);
  }
  return out;
}
