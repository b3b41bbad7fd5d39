// "Other props" for the json_object_property algorithm: extra top-level fields sent beside the
// records, typed by the user as a JSON object.
export type ParsedOtherProps = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export function parseOtherPropsJson(text: string): ParsedOtherProps {
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `Other props is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: 'Other props must be a JSON object, e.g. {"source": "flowgate"}' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
