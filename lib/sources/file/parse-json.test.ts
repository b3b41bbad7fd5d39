import { describe, expect, it } from "vitest";
import { readTestFile } from "./read-test-file";

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the file to be refused");
}

describe("JSON and NDJSON files", () => {
  it("reads a JSON array of objects, pretty-printed or not, across chunk boundaries", async () => {
    const records = [
      { a: 1, s: 'x}]{["\\' },
      { a: 2, nested: { list: [1, { b: "}" }] } },
    ];
    for (const text of [JSON.stringify(records), JSON.stringify(records, null, 2)]) {
      for (const chunkSize of [1, 3, 1024]) {
        const read = await readTestFile(text, { fileName: "data.json", chunkSize });
        expect(read.file.format).toBe("json");
        expect(read.records).toEqual(records);
      }
    }
  });

  it("reads NDJSON, skipping blank lines and CRLF endings", async () => {
    const { file, records } = await readTestFile('{"a":1}\r\n\n{"a":2,"b":"x"}\n', { fileName: "events.ndjson" });
    expect(file.format).toBe("ndjson");
    expect(records).toEqual([{ a: 1 }, { a: 2, b: "x" }]);
  });

  it("reads one pretty-printed object as one record", async () => {
    const { records } = await readTestFile('{\n  "email": "a@x.io",\n  "tags": ["x"]\n}\n');
    expect(records).toEqual([{ email: "a@x.io", tags: ["x"] }]);
  });

  it("names the line of an NDJSON syntax error", async () => {
    const lines = Array.from({ length: 99 }, (_, i) => JSON.stringify({ i }));
    lines.push('{"i": 100, }');
    expect(await errorOf(readTestFile(lines.join("\n"), { chunkSize: 64 }))).toBe(
      "line 100, column 10: a trailing comma before '}'",
    );
  });

  it("names the line of a syntax error deep inside a pretty-printed JSON array (line 40,000)", async () => {
    const lines = ["["];
    for (let i = 0; lines.length < 39_996; i++) lines.push("  {", `    "i": ${i},`, '    "name": "n"', "  },");
    lines.push("  {", '    "i": -1,', '    "name": "n"', "  }", "]");
    lines[39_999] = '    "name": "n",';
    const text = lines.join("\n");
    expect(await errorOf(readTestFile(text, { fileName: "big.json", chunkSize: 4096 }))).toBe(
      "line 40000, column 16: a trailing comma before '}'",
    );
  });

  it("refuses array items that are not objects, and unclosed arrays", async () => {
    expect(await errorOf(readTestFile('[{"a":1},\n 2]'))).toBe(
      "line 2, column 2: item 2 of the array is a number; records must be JSON objects",
    );
    expect(await errorOf(readTestFile('[{"a":1},]'))).toBe(
      "line 1, column 10: unexpected ']' after ',' (a trailing comma)",
    );
    expect(await errorOf(readTestFile('[{"a":1}, {"b": tru}]'))).toBe(
      "line 1, column 17: unexpected 't' where a value was expected",
    );
    expect(await errorOf(readTestFile('[{"a":1}\n'))).toBe(
      "line 2: the file ends before the JSON array is closed with ']'",
    );
    expect(await errorOf(readTestFile('[{"a":1}] x'))).toBe(
      "line 1, column 11: unexpected 'x' after the end of the JSON array",
    );
    expect(await errorOf(readTestFile('[{"a":\n"x"'))).toBe(
      "line 2: the file ends inside the record that starts on line 1 (a '}' or ']' is missing)",
    );
  });

  it("refuses an NDJSON line that is not an object", async () => {
    expect(await errorOf(readTestFile('{"a":1}\n[1,2]\n', { fileName: "x.ndjson" }))).toBe(
      "line 2, column 1: expected a JSON object, found an array",
    );
  });
});

describe("format detection", () => {
  it("refuses a .csv file whose content is JSON, and the reverse", async () => {
    expect(await errorOf(readTestFile('[{"a":1}]', { fileName: "contacts.csv" }))).toBe(
      '"contacts.csv" looks like JSON, not CSV',
    );
    expect(await errorOf(readTestFile("a,b\n1,2\n", { fileName: "contacts.json" }))).toBe(
      '"contacts.json" looks like CSV, not JSON',
    );
  });

  it("reads NDJSON in a .json file, saying so", async () => {
    const { file, records } = await readTestFile('{"a":1}\n{"a":2}\n', { fileName: "export.json" });
    expect(file.format).toBe("ndjson");
    expect(file.note).toBe('"export.json" was read as NDJSON, which its content is');
    expect(records).toHaveLength(2);
  });

  it("refuses empty, whitespace-only, binary and non-UTF-8 files", async () => {
    expect(await errorOf(readTestFile("", { fileName: "a.csv" }))).toBe("the file is empty");
    expect(await errorOf(readTestFile(" \n\n ", { fileName: "a.csv" }))).toBe("the file is empty");
    expect(await errorOf(readTestFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])))).toBe(
      "the file does not look like text (it contains binary data)",
    );
    expect(
      await errorOf(
        readTestFile(Buffer.concat([Buffer.from("a,b\n1,"), Buffer.from([0xff, 0xfe]), Buffer.from("\n")])),
      ),
    ).toMatch(/^the file is not UTF-8 text/);
  });

  it("unwraps gzip", async () => {
    const { gzipSync } = await import("node:zlib");
    const { file, records } = await readTestFile(gzipSync("a,b\n1,2\n"), { fileName: "x.csv.gz" });
    expect(file.compressed).toBe(true);
    expect(records).toEqual([{ a: 1, b: 2 }]);
  });
});
