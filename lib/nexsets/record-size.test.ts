import { describe, expect, it } from "vitest";
import { parseWebhookRecords } from "@/lib/sources/webhook/parse-webhook-records";
import { readTestFile } from "@/lib/sources/file/read-test-file";
import { MAX_RECORD_BYTES, oversizeRecordBytes } from "./record-size";

// Issue 18 item 3: records over 1 MiB (compact JSON) are refused where they arrive, with the line or
// the webhook call's item named; smaller ones pass without being serialised again.

const notes = (bytes: number) =>
  "Called about the renewal; sent the quote again. ".repeat(bytes / 48 + 1).slice(0, bytes);
const big = { email: "ada@example.com", name: "Ada", signed_up: "2024-01-05", notes: notes(MAX_RECORD_BYTES + 10) };

async function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "accepted",
    (error: Error) => error.message,
  );
}

describe("the record size limit", () => {
  it("measures compact JSON in UTF-8 bytes, only for records that could be too large", () => {
    expect(oversizeRecordBytes({ a: "x".repeat(1000) })).toBeUndefined();
    expect(oversizeRecordBytes(big)).toBe(Buffer.byteLength(JSON.stringify(big)));
    // Multi-byte text counts its bytes, not its characters.
    expect(oversizeRecordBytes({ notes: "é".repeat(MAX_RECORD_BYTES / 2 + 10) })).toBeGreaterThan(MAX_RECORD_BYTES);
    expect(oversizeRecordBytes({ notes: "é".repeat(MAX_RECORD_BYTES / 2 - 20) })).toBeUndefined();
  });

  it("refuses a CSV row over the limit, naming its line", async () => {
    const csv = `email,name,notes\nbob@example.com,Bob,short\nada@example.com,Ada,${notes(MAX_RECORD_BYTES + 10)}\n`;
    expect(await refusal(readTestFile(csv, { fileName: "contacts.csv" }))).toMatch(
      /^line 3: the record is 1\.0 MB as JSON, over the 1\.0 MB a record may be$/,
    );
  });

  it("refuses an NDJSON line and a JSON array item over the limit, naming the line", async () => {
    const small = JSON.stringify({ email: "bob@example.com" });
    expect(
      await refusal(readTestFile(`${small}\n${small}\n${JSON.stringify(big)}\n`, { fileName: "c.ndjson" })),
    ).toMatch(/^line 3, column 1: the record is 1\.0 MB as JSON, over the 1\.0 MB a record may be$/);
    expect(await refusal(readTestFile(`[\n${small},\n${JSON.stringify(big)}\n]`, { fileName: "c.json" }))).toMatch(
      /^line 3, column 1: the record is 1\.0 MB as JSON/,
    );
  });

  it("refuses a webhook call holding a record over the limit, naming the item", () => {
    const body = Buffer.from(JSON.stringify([{ email: "bob@example.com" }, big]));
    expect(() => parseWebhookRecords(body)).toThrow(
      /^body\[1\] is 1\.0 MB as JSON, over the 1\.0 MB a record may be: nothing was kept$/,
    );
    expect(() => parseWebhookRecords(Buffer.from(JSON.stringify(big)))).toThrow(/^The record is 1\.0 MB as JSON/);
    expect(
      parseWebhookRecords(Buffer.from(JSON.stringify([{ email: "bob@example.com", notes: notes(5_000) }]))),
    ).toHaveLength(1);
  });
});
