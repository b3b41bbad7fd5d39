import { ALL_RECORDS_MARKER } from "./driver-source";

// Host side of the lazy-record protocol described in driver-source.ts. V8 serializes a batch's
// records once; QuickJS receives that text only if the user's code touches the records, and the
// untouched ones (or the whole untouched array) are spliced back into QuickJS's output as V8's text.

// Keys the lazy proxy cannot reproduce faithfully: Object.assign would treat "__proto__" as the
// prototype, and a "toJSON" field would shadow the driver's marker hook.
const EAGER_KEYS = ["__proto__", "toJSON"];

export class RecordTransfer {
  /** The records as one JSON array, as V8 prints it. */
  readonly arrayJson: string;
  /** Unguessable per batch, so a record's own data can never be mistaken for a marker. */
  readonly markerPrefix = `@flowgate-record:${randomNonce()}:`;
  /** Records QuickJS can't proxy faithfully: it parses the whole array up front instead. */
  readonly eager: boolean;
  readonly count: number;
  private bounds: number[] | undefined;

  constructor(records: readonly Record<string, unknown>[]) {
    this.arrayJson = JSON.stringify(records);
    this.count = records.length;
    this.eager = records.some((record) => EAGER_KEYS.some((key) => Object.hasOwn(record, key)));
  }

  /** `[start, end)` of each record's text in arrayJson, flattened; found by one scan, on first need. */
  elementBounds(): readonly number[] {
    this.bounds ??= scanArrayElements(this.arrayJson);
    return this.bounds;
  }

  recordJson(index: number): string | undefined {
    const bounds = this.elementBounds();
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.arrayJson.substring(bounds[2 * index]!, bounds[2 * index + 1]!);
  }
}

/**
 * Replaces every `"<marker><index>"` (or `"<marker>all"`, the whole array) JSON string in QuickJS's
 * output with V8's text of that record (or array). Returns undefined when a marker survives in another
 * form (e.g. inside a string the user built during serialization): the caller then re-serializes
 * without markers.
 */
export function spliceRecords(json: string, transfer: RecordTransfer): string | undefined {
  const prefix = transfer.markerPrefix;
  if (!json.includes(prefix)) return json;
  const pattern = new RegExp(`"${escapeRegExp(prefix)}(\\d+|${ALL_RECORDS_MARKER})"`, "g");
  const spliced = json.replace(pattern, (whole, index: string) =>
    index === ALL_RECORDS_MARKER ? transfer.arrayJson : (transfer.recordJson(Number(index)) ?? whole),
  );
  return spliced.includes(prefix) ? undefined : spliced;
}

/** Top-level element bounds of a JSON array printed by JSON.stringify (no whitespace). */
export function scanArrayElements(json: string): number[] {
  const bounds: number[] = [];
  if (json.length <= 2) return bounds;
  let depth = 0;
  let inString = false;
  let start = 1;
  for (let i = 1; i < json.length - 1; i++) {
    const code = json.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
    else if (code === COMMA && depth === 0) {
      bounds.push(start, i);
      start = i + 1;
    }
  }
  bounds.push(start, json.length - 1);
  return bounds;
}

const [QUOTE, BACKSLASH, COMMA, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [...'"\\,{}[]'].map((c) =>
  c.charCodeAt(0),
);

function randomNonce(): string {
  const words = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return Array.from(words, (word) => word.toString(36)).join("");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
