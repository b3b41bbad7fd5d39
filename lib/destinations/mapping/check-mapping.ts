import type { BodyFieldDefinition } from "@/lib/connectors/types";
import type { DestinationRecord } from "../build-types";
import type { MappingRow } from "../steps/mapping-step";
import { readAttributePath } from "./attribute-path";
import { convertValue, isEmptyValue } from "./convert-value";
import { mappingTypeForDataType, type WorkspaceAttribute } from "./data-attribute-types";
import { parseValueTemplate } from "./value-template";

// What the Map fields step shows before any call: rows whose target Intercom does not know, custom
// attributes the workspace lacks (with "Create in Intercom"), sources the Nexset does not have, and
// values that would not convert; and the attributes no row sends.

export type MappingWarningKind = "unknown-target" | "missing-attribute" | "type-mismatch" | "unknown-source";

export interface MappingWarning {
  row: number;
  kind: MappingWarningKind;
  message: string;
  /** missing-attribute: the data attribute to create. */
  attributeName?: string;
}

export interface MappingCheckInput {
  rows: readonly MappingRow[];
  fields: readonly BodyFieldDefinition[];
  endpointName: string;
  version: string;
  /** Undefined while the workspace's data attributes are not known (no credential yet). */
  workspaceAttributes: readonly WorkspaceAttribute[] | undefined;
  /** Every attribute path of the Nexset (top level and nested). */
  attributePaths: readonly string[];
  samples: readonly DestinationRecord[];
}

export function checkMapping(input: MappingCheckInput): MappingWarning[] {
  const warnings: MappingWarning[] = [];
  const known = new Set(input.attributePaths);
  const fieldsByName = new Map(input.fields.map((field) => [field.name, field]));
  input.rows.forEach((row, index) => {
    for (const path of sourcePaths(row)) {
      if (!known.has(path))
        warnings.push({ row: index, kind: "unknown-source", message: `The Nexset has no attribute "${path}"` });
    }
    const [top = "", ...rest] = row.target.split(".");
    const field = fieldsByName.get(top);
    if (input.fields.length > 0 && !field) {
      warnings.push({
        row: index,
        kind: "unknown-target",
        message: `${input.endpointName} has no field "${top}" in ${input.version}: Intercom would refuse or ignore it`,
      });
    }
    const expected =
      field?.customAttributesOf && rest.length > 0 ? customTarget(input, row, index, field, rest) : undefined;
    if (expected) warnings.push(...expected);
    const failing = input.samples
      .map((sample) => sourceValue(row, sample))
      .find((value) => !isEmptyValue(value) && !convertValue(value, row.type).ok);
    if (failing !== undefined) {
      const reason = convertValue(failing, row.type);
      warnings.push({
        row: index,
        kind: "type-mismatch",
        message: `A sample record would fail: ${reason.ok ? "" : reason.reason} (${row.type})`,
      });
    }
  });
  return warnings;
}

function customTarget(
  input: MappingCheckInput,
  row: MappingRow,
  index: number,
  field: BodyFieldDefinition,
  rest: readonly string[],
): MappingWarning[] {
  if (!input.workspaceAttributes) return [];
  const name = rest.join(".");
  const model = field.customAttributesOf!;
  const defined = input.workspaceAttributes.find((a) => a.custom && a.model === model && a.name === name);
  if (!defined) {
    return [
      {
        row: index,
        kind: "missing-attribute",
        attributeName: name,
        message: `The workspace has no ${model} data attribute "${name}": Intercom refuses custom attributes that are not defined`,
      },
    ];
  }
  const wanted = mappingTypeForDataType(defined.dataType);
  if (row.type === wanted || row.type === "auto") return [];
  return [
    {
      row: index,
      kind: "type-mismatch",
      message: `"${name}" is a ${defined.dataType} attribute in Intercom, but this row sends ${row.type}`,
    },
  ];
}

function sourcePaths(row: MappingRow): string[] {
  if (row.source.kind === "attribute") return [row.source.path];
  if (row.source.kind === "template") {
    const parsed = parseValueTemplate(row.source.template);
    return parsed.ok ? [...parsed.template.paths] : [];
  }
  return [];
}

function sourceValue(row: MappingRow, sample: DestinationRecord): unknown {
  return row.source.kind === "attribute" ? readAttributePath(sample, row.source.path) : undefined;
}

/** Top-level attributes that no row reads: with a mapping on, they are not sent. */
export function unmappedAttributes(rows: readonly MappingRow[], attributes: readonly string[]): string[] {
  const read = new Set<string>();
  for (const row of rows) {
    for (const path of sourcePaths(row)) {
      read.add(path);
      read.add(path.split(".")[0]!);
    }
  }
  return attributes.filter((attribute) => !read.has(attribute));
}
