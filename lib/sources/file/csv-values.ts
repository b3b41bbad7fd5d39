const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * CSV has only text. Values that read back exactly as written become numbers or booleans and
 * empty cells become null, so the schema shows real types; anything that would change when
 * written back ("007", "1.50", "12345678901234567890") stays a string.
 */
export function coerceCsvValue(value: string): string | number | boolean | null {
  if (value === "") return null;
  if (value === "true") return true;
  if (value === "false") return false;
  if (value.length <= 20 && NUMBER.test(value)) {
    const n = Number(value);
    if (String(n) === value && (!Number.isInteger(n) || Number.isSafeInteger(n))) return n;
  }
  return value;
}
