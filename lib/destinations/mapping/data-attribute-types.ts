import type { BodyFieldType } from "@/lib/connectors/types";
import type { MappingType } from "./convert-value";

/** A workspace data attribute as the mapping needs it (from Intercom's GET /data_attributes). */
export interface WorkspaceAttribute {
  name: string;
  model: "contact" | "company";
  /** Intercom's data_type: string, integer, float, boolean, date, datetime, options. */
  dataType: string;
  custom: boolean;
}

/** What a value must be converted to for an Intercom data attribute of this type. */
export function mappingTypeForDataType(dataType: string): MappingType {
  switch (dataType) {
    case "integer":
      return "integer";
    case "float":
      return "float";
    case "boolean":
      return "boolean";
    case "date":
    case "datetime":
      return "timestamp";
    default:
      return "string";
  }
}

/** What a value must be converted to for a body field of this type (objects and lists go as they are). */
export function mappingTypeForField(type: BodyFieldType): MappingType {
  return type === "object" || type === "array" ? "auto" : type;
}

/** The Intercom data_type to create for a Nexset attribute of this inferred type (editable in the wizard). */
export function dataTypeForSamples(values: readonly unknown[]): "string" | "integer" | "float" | "boolean" | "date" {
  const present = values.filter((value) => value !== undefined && value !== null && value !== "");
  if (present.length === 0) return "string";
  const all = (test: (value: unknown) => boolean) => present.every(test);
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : value);
  if (all((v) => typeof text(v) === "boolean" || /^(true|false|yes|no)$/i.test(String(text(v))))) return "boolean";
  if (all((v) => /^[+-]?\d+$/.test(String(text(v))))) return "integer";
  if (all((v) => /^[+-]?(\d+\.?\d*|\.\d+)$/.test(String(text(v))))) return "float";
  if (all((v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v.trim()))) return "date";
  return "string";
}
