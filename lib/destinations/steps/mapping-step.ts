import { z } from "zod";
import { checkAttributePath, checkTargetPath, MAX_PATH_LENGTH } from "../mapping/attribute-path";
import { MAPPING_TYPES } from "../mapping/convert-value";
import { checkConstant } from "../mapping/check-constant";
import { MAX_TEMPLATE_LENGTH, parseValueTemplate } from "../mapping/value-template";

// "Map fields": which body field each value goes to, and where the value comes from. A destination
// without a mapping (or with it off) sends each record as it is, as before mappings existed.

export const MAX_MAPPING_ROWS = 200;
export const MAX_CONSTANT_LENGTH = 10_000;

const attributeSource = z.object({
  kind: z.literal("attribute"),
  path: z
    .string()
    .max(MAX_PATH_LENGTH, { error: `An attribute path can be at most ${MAX_PATH_LENGTH} characters` })
    .superRefine((path, ctx) => {
      const problem = checkAttributePath(path);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});
const constantSource = z.object({
  kind: z.literal("constant"),
  /** As typed: text for a text field, else JSON (12, true, "x", {"a": 1}) checked against the row's type. */
  value: z.string().max(MAX_CONSTANT_LENGTH, { error: `A constant can be at most ${MAX_CONSTANT_LENGTH} characters` }),
});
const templateSource = z.object({
  kind: z.literal("template"),
  template: z
    .string()
    .max(MAX_TEMPLATE_LENGTH, { error: `A template can be at most ${MAX_TEMPLATE_LENGTH} characters` })
    .superRefine((template, ctx) => {
      const parsed = parseValueTemplate(template);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
});

export const mappingSourceSchema = z.discriminatedUnion("kind", [attributeSource, constantSource, templateSource], {
  error: "Choose where the value comes from: an attribute, a constant or a template",
});

export const mappingRowSchema = z
  .object({
    /** A dotted body path: `email`, `custom_attributes.plan`. */
    target: z
      .string()
      .max(MAX_PATH_LENGTH, { error: `A target can be at most ${MAX_PATH_LENGTH} characters` })
      .superRefine((target, ctx) => {
        const problem = checkTargetPath(target);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    source: mappingSourceSchema,
    /** What the value is converted to; `auto` sends it as the record has it. */
    type: z.enum(MAPPING_TYPES, { error: `Choose a type: ${MAPPING_TYPES.join(", ")}` }).default("auto"),
    /** Why the default mapping chose this row (shown beside it); empty for rows the user wrote. */
    reason: z.string().max(300).optional(),
  })
  .superRefine((row, ctx) => {
    if (row.source.kind !== "constant") return;
    const problem = checkConstant(row.source.value, row.type);
    if (problem) ctx.addIssue({ code: "custom", path: ["source", "value"], message: problem });
  });

export const fieldMappingSchema = z.object({
  enabled: z.boolean().default(false),
  rows: z
    .array(mappingRowSchema)
    .max(MAX_MAPPING_ROWS, { error: `A mapping can have at most ${MAX_MAPPING_ROWS} rows` })
    .default([])
    .superRefine((rows, ctx) => {
      const targets = new Map<string, number>();
      rows.forEach((row, index) => {
        const clash = findClash(targets, row.target);
        if (clash !== undefined) ctx.addIssue({ code: "custom", path: [index, "target"], message: clash });
        targets.set(row.target, index);
      });
    }),
  /** Empty cells, nulls and missing attributes: left out of the body, or sent as null. */
  emptyValues: z.enum(["omit", "null"], { error: "Choose omit or null for empty values" }).default("omit"),
});

export const mappingStepSchema = z.object({ mapping: fieldMappingSchema.optional() });

/** Two rows writing the same field, or one writing inside the other's value. */
function findClash(targets: ReadonlyMap<string, number>, target: string): string | undefined {
  for (const [other, index] of targets) {
    if (other === target) return `"${target}" is already the target of row ${index + 1}`;
    if (target.startsWith(`${other}.`) || other.startsWith(`${target}.`))
      return `"${target}" and "${other}" (row ${index + 1}) overlap: one is inside the other`;
  }
  return undefined;
}

export type FieldMapping = z.output<typeof fieldMappingSchema>;
export type MappingRow = z.output<typeof mappingRowSchema>;
export type MappingSource = z.output<typeof mappingSourceSchema>;
