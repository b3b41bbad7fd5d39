import { describe, expect, it } from "vitest";
import type { CallRow } from "./call-record";
import { CallRowEncoder } from "./call-log-writer";

// The encoder writes COPY lines straight into shared byte chunks; these check its lines against
// COPY's text format built the plain way (JSON.stringify, escapes), whatever the rows hold.

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const copyText = (value: string | null | undefined) =>
  value === null || value === undefined
    ? "\\N"
    : value.replaceAll("\u0000", "\uFFFD").replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!);
const copyJson = (value: unknown) =>
  value === null || value === undefined ? "\\N" : copyText(JSON.stringify(value).replaceAll("\\u0000", "\\uFFFD"));
const copyInt = (value: number | null | undefined) => (value === null || value === undefined ? "\\N" : String(value));

/** The line as the bytes COPY receives (a lone surrogate becomes U+FFFD there), read back as text. */
function expectedLine(r: CallRow): string {
  return Buffer.from(plainLine(r)).toString("utf8");
}

function plainLine(r: CallRow): string {
  const createdAt = r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt!);
  return (
    [
      copyText(r.organisationId),
      copyText(r.destinationId),
      copyText(r.kind),
      copyInt(r.firstSeq),
      copyInt(r.lastSeq),
      copyInt(r.recordCount),
      copyInt(r.configVersion),
      copyInt(r.attempt),
      copyText(r.method),
      copyText(r.url),
      copyJson(r.requestHeaders),
      copyText(r.requestBody),
      copyInt(r.responseStatus),
      copyJson(r.responseHeaders),
      copyText(r.responseBody),
      copyText(r.outcome),
      copyText(r.errorMessage),
      copyInt(r.latencyMs),
      createdAt.toISOString().slice(0, -1),
      copyText(r.syncStep),
      copyText(r.recordOutcome),
    ].join("\t") + "\n"
  );
}

const base: CallRow = {
  organisationId: "org_1",
  destinationId: "dest_1",
  kind: "delivery",
  firstSeq: 1,
  lastSeq: 1,
  recordCount: 1,
  configVersion: 3,
  attempt: 1,
  method: "POST",
  url: "https://api.intercom.io/contacts",
  requestHeaders: { "content-type": "application/json", authorization: "Bearer ••••abcd" },
  requestBody: '{"email":"a@example.com"}',
  responseStatus: 200,
  responseHeaders: { "x-ratelimit-remaining": "99", "content-type": "application/json; charset=utf-8" },
  responseBody: '{"id":"1"}',
  outcome: "success",
  errorMessage: null,
  latencyMs: 12,
  createdAt: new Date("2026-11-22T10:00:00.123Z"),
  syncStep: null,
  recordOutcome: null,
};

const awkward = 'tab\there, newline\nthere, back\\slash, CR\r, "quotes", NUL\u0000, ünïcødé 🚀, lone \ud800, \\N';

describe("CallRowEncoder", () => {
  it.each<[string, Partial<CallRow>]>([
    ["a plain answered call", {}],
    ["headers JSON must escape", { requestHeaders: { "x-note": awkward }, responseHeaders: { [awkward]: "v" } }],
    ["a header holding a tab", { responseHeaders: { a: "x\ty" } }],
    ["a header holding NUL", { responseHeaders: { a: "x\u0000y" } }],
    ["a header holding a lone surrogate", { responseHeaders: { a: "x\ud800y" } }],
    ["a header holding a quote", { responseHeaders: { 'a"b': "x" } }],
    ["headers that are not all strings", { requestHeaders: { n: 1, list: ["a", "b"], nested: { a: null } } }],
    ["empty headers and no answer", { requestHeaders: {}, responseHeaders: undefined, responseStatus: null }],
    ["awkward bodies and messages", { requestBody: awkward, responseBody: awkward, errorMessage: awkward }],
    ["a sync step", { syncStep: "find_contact", recordOutcome: "updated", kind: "replay" }],
  ])("writes %s as COPY's text format", (_name, change) => {
    const row = { ...base, ...change };
    expect(new CallRowEncoder().encode(row).toString("utf8")).toBe(expectedLine(row));
  });

  it("keeps each row's bytes whole when rows fill several chunks, large bodies included", () => {
    const encoder = new CallRowEncoder();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      firstSeq: i,
      lastSeq: i,
      responseBody: `${"é".repeat(i % 7 === 0 ? 70_000 : 1_500)}${i}`,
      responseHeaders: { "x-request-id": `req-${i}`, "x-note": "•".repeat(i) },
    }));
    const lines = rows.map((row) => encoder.encode(row));
    // Read only after every row was encoded: a later row must not overwrite an earlier one's bytes.
    lines.forEach((line, i) => expect(line.toString("utf8")).toBe(expectedLine(rows[i]!)));
  });
});
