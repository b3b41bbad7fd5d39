// JavaScript evaluated inside QuickJS, before the user's code, to call it and serialize its result.
//
// Why records are lazy proxies: QuickJS parses and prints JSON ~10x slower than V8, and the usual
// grouping code only wraps the records ({ contacts: records }). Each record is a Proxy over an empty
// object that parses its own JSON on first touch (any trap). During the final JSON.stringify, a
// record never touched prints as a marker string, and the host splices in V8's serialization of that
// record, which is the same text. A touched record (read, changed, spread) prints from QuickJS.
// One handler serves every record (no closures per record); `pending` maps an untouched target to
// its index. Intrinsics are captured first so user code replacing JSON or Reflect can't break this.
//
// serialize() answers "s" + text (a string, sent as is), "j" + JSON, "u" (nothing serializable),
// "p" (a promise: settle it and ask again) or "n" (a string holding U+0000, which can't leave).
export const DRIVER_FILENAME = "flowgate-driver.js";

export const DRIVER_SOURCE = `(() => {
"use strict";
const parse = JSON.parse, stringify = JSON.stringify, R = Reflect, P = Proxy, assign = Object.assign, M = Map;
let source = "", offsets = [], prefix = "", pending = new M(), markersOn = false;
const load = (t) => {
  const i = pending.get(t);
  if (i !== undefined) { pending.delete(t); assign(t, parse(source.substring(offsets[i], offsets[i + 1]))); }
  return t;
};
const handler = {
  get: (t, k) => k === "toJSON" && pending.has(t) ? () => (markersOn && pending.has(t) ? prefix + pending.get(t) : load(t)) : R.get(load(t), k),
  set: (t, k, v) => R.set(load(t), k, v),
  has: (t, k) => R.has(load(t), k),
  ownKeys: (t) => R.ownKeys(load(t)),
  getOwnPropertyDescriptor: (t, k) => R.getOwnPropertyDescriptor(load(t), k),
  defineProperty: (t, k, d) => R.defineProperty(load(t), k, d),
  deleteProperty: (t, k) => R.deleteProperty(load(t), k),
  preventExtensions: (t) => R.preventExtensions(load(t)),
  setPrototypeOf: (t, p) => R.setPrototypeOf(load(t), p),
};
const run = (fn, src, offsetsJson, markerPrefix, contextJson) => {
  let records;
  if (offsetsJson === "") records = parse(src);
  else {
    source = src; offsets = parse(offsetsJson); prefix = markerPrefix; pending = new M();
    records = new Array(offsets.length - 1);
    for (let i = 0; i < records.length; i++) { const t = {}; pending.set(t, i); records[i] = new P(t, handler); }
  }
  return fn(records, parse(contextJson));
};
const serialize = (value, useMarkers) => {
  if (typeof value === "string") return value.indexOf("\\u0000") === -1 ? "s" + value : "n";
  if (value !== null && (typeof value === "object" || typeof value === "function") && typeof value.then === "function") return "p";
  markersOn = useMarkers;
  try { const text = stringify(value); return text === undefined ? "u" : "j" + text; } finally { markersOn = false; }
};
return { run, serialize };
})()`;
