// Host side of the lazy-record protocol described in driver-source.ts.

export interface RecordTransfer {
  /** All records' JSON, concatenated (lazy mode) or as one JSON array (eager mode). */
  source: string;
  /** JSON array of UTF-16 offsets into `source`, one more than records; "" in eager mode. */
  offsetsJson: string;
  /** Unguessable per run, so a record's own data can never be mistaken for a marker. */
  markerPrefix: string;
  recordJsons: readonly string[];
}

// Keys the lazy proxy cannot reproduce faithfully: Object.assign would treat "__proto__" as the
// prototype, and a "toJSON" field would shadow the driver's marker hook.
const EAGER_KEYS = ["__proto__", "toJSON"];

export function encodeRecords(records: readonly Record<string, unknown>[]): RecordTransfer {
  const recordJsons = records.map((record) => JSON.stringify(record));
  // No U+0000 here: strings crossing into QuickJS are C strings.
  const markerPrefix = `@flowgate-record:${randomNonce()}:`;
  const eager = records.some((record) => EAGER_KEYS.some((key) => Object.hasOwn(record, key)));
  if (eager) return { source: `[${recordJsons.join(",")}]`, offsetsJson: "", markerPrefix, recordJsons };
  const offsets = new Array<number>(recordJsons.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < recordJsons.length; i++) offsets[i + 1] = offsets[i]! + recordJsons[i]!.length;
  return { source: recordJsons.join(""), offsetsJson: JSON.stringify(offsets), markerPrefix, recordJsons };
}

/**
 * Replaces every `"<marker><index>"` JSON string in QuickJS's output with that record's JSON.
 * Returns undefined when a marker survives in another form (e.g. inside a string the user built
 * during serialization): the caller then re-serializes without markers.
 */
export function spliceRecords(json: string, transfer: RecordTransfer): string | undefined {
  const prefix = transfer.markerPrefix;
  if (!json.includes(prefix)) return json;
  const pattern = new RegExp(`"${escapeRegExp(prefix)}(\\d+)"`, "g");
  const spliced = json.replace(pattern, (whole, index: string) => transfer.recordJsons[Number(index)] ?? whole);
  return spliced.includes(prefix) ? undefined : spliced;
}

function randomNonce(): string {
  const words = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return Array.from(words, (word) => word.toString(36)).join("");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
