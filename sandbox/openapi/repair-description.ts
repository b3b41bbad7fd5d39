// Intercom's descriptions carry a few schema defects that stop ajv from compiling whole operations
// (e.g. every conversation response). We repair exactly those, so the real validator can run on
// everything else; each repair widens the schema, so it never makes a wrong answer pass a check
// it would otherwise fail, except at the repaired spot itself.
//  1. a $ref to a schema that does not exist (2.11: #/components/schemas/custom_attributes) → {}
//  2. `nullable: true` without `type` (ajv requires a type) → anyOf [schema, {type: "null"}];
//     `nullable: false` without `type` (the default anyway) → dropped

export interface RepairReport {
  danglingRefs: string[];
  typelessNullables: number;
}

type Json = Record<string, unknown>;

const SCHEMA_CONTENT = ["$ref", "allOf", "oneOf", "anyOf", "enum", "properties", "items", "not"];

function resolvePointer(document: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === "object" ? (node as Json)[key] : undefined),
      document,
    );
}

export function repairDescription(document: Json): RepairReport {
  const report: RepairReport = { danglingRefs: [], typelessNullables: 0 };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== "object") return node;
    const object = node as Json;
    for (const [key, value] of Object.entries(object)) {
      if (key === "example" || key === "examples") continue;
      object[key] = visit(value);
    }
    const ref = object.$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && resolvePointer(document, ref) === undefined) {
      report.danglingRefs.push(ref);
      return {};
    }
    if (object.nullable === false && !("type" in object)) {
      report.typelessNullables++;
      delete object.nullable;
    }
    if (object.nullable === true && !("type" in object)) {
      report.typelessNullables++;
      const { nullable: _nullable, description, ...rest } = object;
      if (!SCHEMA_CONTENT.some((k) => k in rest)) return { description };
      return { description, anyOf: [rest, { type: "null" }] };
    }
    return object;
  };
  visit(document);
  return report;
}
