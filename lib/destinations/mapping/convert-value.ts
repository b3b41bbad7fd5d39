// Conversions to what an Intercom field takes. Records from CSV carry every value as text, so
// numbers, booleans and dates are read from strings; a value that can't be converted is refused with
// a reason (the caller makes the record an error record) rather than sent with a wrong type.

export const MAPPING_TYPES = ["auto", "string", "integer", "float", "boolean", "timestamp"] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

export type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

/** Unix times above this are taken as milliseconds (1e11 seconds is the year 5138). */
const MILLISECONDS_FROM = 1e11;
const INTEGER_TEXT = /^[+-]?\d+(\.0+)?$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(["true", "yes", "y", "1", "on"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "off"]);
// ISO 8601 dates and date-times: 2024-03-01, 2024-03-01T09:30, 2024-03-01 09:30:15.250+02:00, …Z.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An empty CSV cell, a missing attribute or null: omitted from the body (or sent as null, by option). */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

export function convertValue(value: unknown, type: MappingType): Converted {
  switch (type) {
    case "auto":
      return { ok: true, value };
    case "string":
      return toText(value);
    case "integer":
      return toInteger(value);
    case "float":
      return toFloat(value);
    case "boolean":
      return toBoolean(value);
    case "timestamp":
      return toUnixSeconds(value);
  }
}

function toText(value: unknown): Converted {
  if (typeof value === "string") return { ok: true, value };
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean")
    return { ok: true, value: String(value) };
  return { ok: false, reason: `${describe(value)} is not text` };
}

function toInteger(value: unknown): Converted {
  const number = typeof value === "string" && INTEGER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof number === "number" && Number.isSafeInteger(number)) return { ok: true, value: number };
  return { ok: false, reason: `${describe(value)} is not a whole number` };
}

function toFloat(value: unknown): Converted {
  const number = typeof value === "string" && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof number === "number" && Number.isFinite(number)) return { ok: true, value: number };
  return { ok: false, reason: `${describe(value)} is not a number` };
}

function toBoolean(value: unknown): Converted {
  if (typeof value === "boolean") return { ok: true, value };
  const word = typeof value === "string" ? value.trim().toLowerCase() : typeof value === "number" ? String(value) : "";
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, reason: `${describe(value)} is not true/false (or yes/no, 1/0)` };
}

function toUnixSeconds(value: unknown): Converted {
  const refuse = { ok: false, reason: `${describe(value)} is not a date: use ISO 8601 or Unix seconds` } as const;
  if (typeof value === "number") return fromUnixNumber(value) ?? refuse;
  if (typeof value !== "string") return refuse;
  const text = value.trim();
  if (NUMBER_TEXT.test(text)) return fromUnixNumber(Number(text)) ?? refuse;
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return refuse;
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", zone] = match;
  // A time without a zone is taken as UTC, so the result does not depend on the server's zone.
  const offset =
    !zone || zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, "0")}` : "";
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${offset}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time) || !isCalendarDate(Number(year), Number(month), Number(day))) return refuse;
  if (time < 0) return { ok: false, reason: `${describe(value)} is before 1970; Intercom takes later dates` };
  return { ok: true, value: Math.floor(time / 1000) };
}

function fromUnixNumber(number: number): Converted | undefined {
  if (!Number.isFinite(number) || number < 0) return undefined;
  const seconds = number >= MILLISECONDS_FROM ? number / 1000 : number;
  return { ok: true, value: Math.floor(seconds) };
}

/** Date.parse rolls 2024-02-31 over to March; a date that does not exist is refused instead. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A value as it appears in an error message: quoted text, cut at 80 characters. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}
