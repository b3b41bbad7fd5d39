import type { ConfigError, DestinationRecord } from "../build-types";
import type { FieldMapping, MappingRow } from "../steps/mapping-step";
import { readAttributePath, writeBodyPath } from "./attribute-path";
import { parseConstant } from "./check-constant";
import { convertValue, describe, isEmptyValue, type MappingType } from "./convert-value";
import { fillValueTemplate, parseValueTemplate, type ValueTemplate } from "./value-template";

// Applying a mapping: record → the body Intercom gets. Used by the request builder (panel, Send
// Test, worker, replays) before batching, and by anything else that needs "the mapped body".

type CompiledSource =
  | { kind: "attribute"; path: string }
  | { kind: "constant"; value: unknown }
  | { kind: "template"; template: ValueTemplate };

interface CompiledRow {
  target: string;
  segments: readonly string[];
  type: MappingType;
  source: CompiledSource;
}

export interface CompiledMapping {
  rows: readonly CompiledRow[];
  emptyAsNull: boolean;
}

/** One record the mapping could not turn into a body: which attribute, which field, which value. */
export interface MappingFailure {
  attribute?: string;
  target: string;
  message: string;
}

export type MappedRecord = { ok: true; body: DestinationRecord } | ({ ok: false } & MappingFailure);

/** Parses the rows once per build; a row that can't be used is a config error at that row. */
export function compileMapping(mapping: FieldMapping): CompiledMapping | ConfigError[] {
  const errors: ConfigError[] = [];
  const rows: CompiledRow[] = [];
  mapping.rows.forEach((row, index) => {
    const source = compileSource(row);
    if (typeof source === "string") {
      errors.push({ path: ["config", "mapping", "rows", String(index), "source"], message: source });
      return;
    }
    rows.push({ target: row.target, segments: row.target.split("."), type: row.type, source });
  });
  return errors.length > 0 ? errors : { rows, emptyAsNull: mapping.emptyValues === "null" };
}

function compileSource(row: MappingRow): CompiledSource | string {
  const { source } = row;
  if (source.kind === "attribute") return { kind: "attribute", path: source.path };
  if (source.kind === "constant") {
    const parsed = parseConstant(source.value, row.type);
    return parsed.ok ? { kind: "constant", value: parsed.value } : parsed.message;
  }
  const parsed = parseValueTemplate(source.template);
  return parsed.ok ? { kind: "template", template: parsed.template } : parsed.message;
}

/** The body for one record, or the first row it fails (naming the attribute, the field and the value). */
export function mapRecord(compiled: CompiledMapping, record: DestinationRecord): MappedRecord {
  const body: DestinationRecord = {};
  for (const row of compiled.rows) {
    const read = readSource(row, record);
    if (!read.ok) return { ok: false, ...read.failure };
    let value = read.value;
    if (row.source.kind !== "constant") {
      if (isEmptyValue(value)) {
        if (!compiled.emptyAsNull) continue;
        value = null;
      } else {
        const converted = convertValue(value, row.type);
        if (!converted.ok) return { ok: false, ...failure(row, `${converted.reason} (${row.type})`) };
        value = converted.value;
      }
    }
    if (!writeBodyPath(body, row.segments, value))
      return { ok: false, ...failure(row, `another row already put a value where "${row.target}" goes`) };
  }
  return { ok: true, body };
}

function readSource(row: CompiledRow, record: DestinationRecord) {
  const { source } = row;
  if (source.kind === "constant") return { ok: true as const, value: source.value };
  if (source.kind === "attribute") return { ok: true as const, value: readAttributePath(record, source.path) };
  const filled = fillValueTemplate(source.template, record);
  if (filled.ok) return { ok: true as const, value: filled.text };
  const value = readAttributePath(record, filled.path);
  return {
    ok: false as const,
    failure: {
      attribute: filled.path,
      target: row.target,
      message: `Can't put attribute "${filled.path}" into text for "${row.target}": it is ${describe(value)}`,
    },
  };
}

function failure(row: CompiledRow, reason: string): MappingFailure {
  const attribute = row.source.kind === "attribute" ? row.source.path : undefined;
  const from = attribute !== undefined ? `attribute "${attribute}"` : "the template";
  return { attribute, target: row.target, message: `Can't send ${from} as "${row.target}": ${reason}` };
}
