import { convertValue, type MappingType } from "./convert-value";

/** A constant's value as sent: text for text fields, otherwise the JSON the user typed. */
export function parseConstant(
  text: string,
  type: MappingType,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (type === "string") return { ok: true, value: text };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (type === "auto")
      return { ok: false, message: `${JSON.stringify(text)} is not valid JSON (write text in quotes: "pro")` };
    value = text; // 12, true, 2024-03-01: converted below as a CSV value would be
  }
  if (type === "auto") return { ok: true, value };
  const converted = convertValue(value, type);
  if (!converted.ok) return { ok: false, message: `The constant ${converted.reason} (${type})` };
  return { ok: true, value: converted.value };
}

export function checkConstant(text: string, type: MappingType): string | undefined {
  const parsed = parseConstant(text, type);
  return parsed.ok ? undefined : parsed.message;
}
