import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { type Attribute, attributePaths, nexsetSchemaSchema } from "@/lib/nexsets/infer-schema";
import type { FieldMapping } from "../steps/mapping-step";
import { parseValueTemplate } from "./value-template";

export interface SourceError {
  path: string;
  message: string;
}

/**
 * Rows reading attributes the Nexset does not have (a typo in a path or a template): an error at the
 * row, so nothing is saved. Paths under an object attribute pass when the schema's nested paths may
 * be incomplete (they are bounded), and nothing is checked when the schema itself was capped.
 */
export function mappingSourceErrors(
  mapping: FieldMapping | undefined,
  schema: { attributes: readonly Attribute[]; truncated: boolean },
): SourceError[] {
  if (!mapping?.enabled || schema.truncated) return [];
  const known = new Set(attributePaths(schema.attributes));
  const objects = new Set(
    schema.attributes.filter((a) => a.type === "object" || a.type === "mixed").map((a) => a.name),
  );
  const isKnown = (path: string) => known.has(path) || objects.has(path.split(".")[0] ?? "");
  const errors: SourceError[] = [];
  mapping.rows.forEach((row, index) => {
    const base = `config.mapping.rows.${index}.source`;
    if (row.source.kind === "attribute" && !isKnown(row.source.path))
      errors.push({ path: `${base}.path`, message: `The Nexset has no attribute "${row.source.path}"` });
    if (row.source.kind === "template") {
      const parsed = parseValueTemplate(row.source.template);
      const unknown = parsed.ok ? parsed.template.paths.find((path) => !isKnown(path)) : undefined;
      if (unknown !== undefined)
        errors.push({
          path: `${base}.template`,
          message: `The template reads {${unknown}}, which the Nexset does not have`,
        });
    }
  });
  return errors;
}

/** 400 naming each row that reads an attribute the Nexset does not have: nothing is saved. */
export async function assertMappingReadsNexset(
  db: Db,
  organisationId: string,
  nexsetId: string,
  mapping: FieldMapping | undefined,
): Promise<void> {
  if (!mapping?.enabled) return;
  const row = await db.nexset.findFirst({ where: { id: nexsetId, organisationId }, select: { schema: true } });
  const schema = nexsetSchemaSchema.safeParse(row?.schema ?? []);
  if (!schema.success) return;
  const errors = mappingSourceErrors(mapping, schema.data);
  if (errors.length === 0) return;
  throw new DomainError("bad_input", errors[0]!.message, { status: 400, field: errors[0]!.path, details: errors });
}
