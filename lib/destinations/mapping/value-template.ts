import { splitPlaceholders } from "../url-template";
import { checkAttributePath, readAttributePath } from "./attribute-path";

// Mapping templates: text with `{attribute}` placeholders, e.g. "{first_name} {last_name}". A
// placeholder whose attribute is missing or empty in a record reads as nothing; the result is trimmed,
// so "{first_name} {last_name}" with no last name is "Jane".

export const MAX_TEMPLATE_LENGTH = 2_000;

export interface ValueTemplate {
  literals: readonly string[];
  paths: readonly string[];
}

export type ParsedValueTemplate = { ok: true; template: ValueTemplate } | { ok: false; message: string };

export function parseValueTemplate(text: string): ParsedValueTemplate {
  if (text.trim() === "") return { ok: false, message: "Write a template, e.g. {first_name} {last_name}" };
  if (text.length > MAX_TEMPLATE_LENGTH)
    return { ok: false, message: `A template can be at most ${MAX_TEMPLATE_LENGTH} characters` };
  const split = splitPlaceholders(text);
  if (typeof split === "string") return { ok: false, message: split };
  if (split.attributes.length === 0)
    return { ok: false, message: "A template needs at least one {attribute}; for fixed text use a constant" };
  for (const path of split.attributes) {
    const problem = checkAttributePath(path);
    if (problem) return { ok: false, message: `In {${path}}: ${problem}` };
  }
  return { ok: true, template: { literals: split.literals, paths: split.attributes } };
}

/** The template filled from one record; objects and lists can't be placed in text. */
export function fillValueTemplate(
  template: ValueTemplate,
  record: Record<string, unknown>,
): { ok: true; text: string } | { ok: false; path: string } {
  let text = template.literals[0] ?? "";
  for (let i = 0; i < template.paths.length; i++) {
    const path = template.paths[i]!;
    const value = readAttributePath(record, path);
    if (value !== null && typeof value === "object") return { ok: false, path };
    text += (value === undefined || value === null ? "" : String(value)) + template.literals[i + 1];
  }
  return { ok: true, text: text.trim() };
}
