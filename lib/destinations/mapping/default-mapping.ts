import type { BodyFieldDefinition } from "@/lib/connectors/types";
import type { MappingRow } from "../steps/mapping-step";
import { mappingTypeForDataType, mappingTypeForField, type WorkspaceAttribute } from "./data-attribute-types";

// The mapping a user gets without a click: attributes named like a field of the endpoint go to that
// field; others go to custom_attributes.<name> when the workspace defines such a data attribute; the
// rest are listed as not sent, with the reason.

export interface NotSentAttribute {
  attribute: string;
  reason: string;
}

export interface DefaultMapping {
  rows: MappingRow[];
  notSent: NotSentAttribute[];
}

export interface DefaultMappingInput {
  /** The Nexset's top-level attribute names, in schema order. */
  attributes: readonly string[];
  /** The endpoint's body fields in the chosen version (bodyFieldsFor). */
  fields: readonly BodyFieldDefinition[];
  endpointName: string;
  /** The workspace's data attributes (custom ones are the custom_attributes targets). */
  workspaceAttributes: readonly WorkspaceAttribute[];
}

// Names a CRM export commonly uses for a field whose own name it lacks.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  signed_up_at: ["signup date", "signup", "sign up date", "signed up", "created at", "registered at"],
  last_seen_at: ["last seen", "last active", "last login"],
  phone: ["phone number", "mobile", "telephone"],
};

type Level = 4 | 3 | 2 | 1;
const REASONS: Record<Level, (attribute: string, field: string) => string> = {
  4: () => "same name",
  3: (attribute, field) => `"${attribute}" is "${field}" ignoring case and separators`,
  2: (attribute, field) => `"${attribute}" is a usual name for "${field}"`,
  1: (attribute, field) => `"${attribute}" contains "${field}" (no closer attribute)`,
};

export function defaultMapping(input: DefaultMappingInput): DefaultMapping {
  const fields = input.fields.filter((field) => !field.customAttributesOf);
  const customOf = input.fields.find((field) => field.customAttributesOf)?.customAttributesOf;
  const candidates: { attribute: string; field: BodyFieldDefinition; level: Level; order: number }[] = [];
  input.attributes.forEach((attribute, order) => {
    for (const field of fields) {
      const level = matchLevel(attribute, field.name);
      if (level) candidates.push({ attribute, field, level, order });
    }
  });
  candidates.sort((a, b) => b.level - a.level || a.order - b.order);
  const fieldFor = new Map<string, { field: BodyFieldDefinition; level: Level }>();
  const takenFields = new Set<string>();
  for (const { attribute, field, level } of candidates) {
    if (fieldFor.has(attribute) || takenFields.has(field.name)) continue;
    fieldFor.set(attribute, { field, level });
    takenFields.add(field.name);
  }

  const custom = customOf
    ? input.workspaceAttributes.filter((attribute) => attribute.custom && attribute.model === customOf)
    : [];
  const rows: MappingRow[] = [];
  const notSent: NotSentAttribute[] = [];
  for (const attribute of input.attributes) {
    const match = fieldFor.get(attribute);
    if (match) {
      rows.push({
        target: match.field.name,
        source: { kind: "attribute", path: attribute },
        type: mappingTypeForField(match.field.type),
        reason: REASONS[match.level](attribute, match.field.name),
      });
      continue;
    }
    const defined =
      custom.find((candidate) => candidate.name === attribute) ??
      custom.find((candidate) => normalize(candidate.name) === normalize(attribute));
    if (defined) {
      rows.push({
        target: `custom_attributes.${defined.name}`,
        source: { kind: "attribute", path: attribute },
        type: mappingTypeForDataType(defined.dataType),
        reason: `the workspace defines the ${customOf} attribute "${defined.name}" (${defined.dataType})`,
      });
      continue;
    }
    notSent.push({ attribute, reason: notSentReason(input.endpointName, customOf) });
  }
  return { rows, notSent };
}

function notSentReason(endpointName: string, customOf: "contact" | "company" | undefined): string {
  if (!customOf) return `no field of ${endpointName} matches it`;
  return `no field of ${endpointName} matches it, and the workspace has no ${customOf} data attribute of that name`;
}

function matchLevel(attribute: string, field: string): Level | undefined {
  if (attribute === field) return 4;
  const a = normalize(attribute);
  if (a === normalize(field)) return 3;
  if ((ALIASES[field] ?? []).some((alias) => normalize(alias) === a)) return 2;
  const attributeWords = words(attribute);
  const fieldWords = words(field);
  if (attributeWords.length <= fieldWords.length) return undefined;
  const head = attributeWords.slice(0, fieldWords.length).join(" ");
  const tail = attributeWords.slice(-fieldWords.length).join(" ");
  const wanted = fieldWords.join(" ");
  return head === wanted || tail === wanted ? 1 : undefined;
}

/** Lower case without `-`, `_`, spaces or dots: "Full Name", "full-name" and "full_name" agree. */
export function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s.]+/g, "");
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[-_\s.]+/)
    .filter((word) => word !== "");
}
