// JavaScript evaluated inside QuickJS, before the user's code, to call it and serialize its result.
//
// Why records are lazy: QuickJS parses and prints JSON ~10x slower than V8, copying a string into it
// costs ~4 ns a character, and the usual grouping code only wraps the records ({ contacts: records }).
// So `records` is a Proxy over an empty array. Untouched, it prints during the final JSON.stringify as
// one marker string, and the host splices in V8's serialization of the whole array (the same text).
// Reading `length` doesn't touch it; any other use fills it with one Proxy per record, each over an
// empty object that parses its own JSON on first touch (the batch's JSON is fetched from the host
// then, once). An untouched record prints as its own marker, so `records.map((r) => ({ contact: r }))`
// never parses a record inside QuickJS either. A touched record (read, changed, spread) prints from
// QuickJS. One handler per batch serves all its records; `pending` maps an untouched target to its
// index. Intrinsics are captured first so user code replacing JSON or Reflect can't break this.
//
// serialize() answers "s" + text (a string, sent as is), "j" + JSON, "u" (nothing serializable),
// "p" (a promise: settle it and ask again) or "n" (a string holding U+0000, which can't leave).
export const DRIVER_FILENAME = "flowgate-driver.js";

/** The marker suffix that stands for the whole, untouched records array. */
export const ALL_RECORDS_MARKER = "all";

export const DRIVER_SOURCE = `(() => {
"use strict";
const parse = JSON.parse, stringify = JSON.stringify, R = Reflect, P = Proxy, assign = Object.assign, M = Map;
let current = null, markersOn = false;
const forward = (touch) => ({
  set: (t, k, v) => R.set(touch(t), k, v),
  has: (t, k) => R.has(touch(t), k),
  ownKeys: (t) => R.ownKeys(touch(t)),
  getOwnPropertyDescriptor: (t, k) => R.getOwnPropertyDescriptor(touch(t), k),
  defineProperty: (t, k, d) => R.defineProperty(touch(t), k, d),
  deleteProperty: (t, k) => R.deleteProperty(touch(t), k),
  preventExtensions: (t) => R.preventExtensions(touch(t)),
  setPrototypeOf: (t, p) => R.setPrototypeOf(touch(t), p),
});
// One batch's records. Its state lives in these closures, so records a user's code keeps from an
// earlier batch still load correctly; only the current batch's records print as markers.
const lazyBatch = (fetch, batchNo, count, prefix) => {
  const batch = {};
  const pending = new M();
  let source = null, bounds = null, list = [];
  const load = (t) => {
    const i = pending.get(t);
    if (i !== undefined) {
      pending.delete(t);
      if (source === null) { source = fetch(batchNo, 0); bounds = parse(fetch(batchNo, 1)); }
      assign(t, parse(source.substring(bounds[2 * i], bounds[2 * i + 1])));
    }
    return t;
  };
  const marks = () => markersOn && current === batch;
  const handler = forward(load);
  handler.get = (t, k) => k === "toJSON" && pending.has(t) ? () => (marks() && pending.has(t) ? prefix + pending.get(t) : load(t)) : R.get(load(t), k);
  const loadList = (t) => {
    if (t === list) {
      list = null;
      for (let i = 0; i < count; i++) { const r = {}; pending.set(r, i); t.push(new P(r, handler)); }
    }
    return t;
  };
  const listHandler = forward(loadList);
  listHandler.get = (t, k) => {
    if (t !== list) return R.get(t, k);
    if (k === "length") return count;
    if (k === "toJSON") return () => (marks() && t === list ? prefix + "${ALL_RECORDS_MARKER}" : loadList(t));
    return R.get(loadList(t), k);
  };
  current = batch;
  return new P(list, listHandler);
};
// fetch(batchNo, 0) is the batch's records as a JSON array, fetch(batchNo, 1) their bounds in it.
const run = (fn, fetch, batchNo, count, prefix, contextJson, eager) => {
  current = null;
  const records = eager ? parse(fetch(batchNo, 0)) : lazyBatch(fetch, batchNo, count, prefix);
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
