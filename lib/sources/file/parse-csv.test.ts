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

describe("CSV files", () => {
  it.each([
    [",", "email,name,age\na@x.io,Ann,31\nb@x.io,Bob,42\n"],
    [";", "email;name;age\na@x.io;Ann;31\nb@x.io;Bob;42\n"],
    ["\t", "email\tname\tage\na@x.io\tAnn\t31\nb@x.io\tBob\t42\n"],
    ["|", "email|name|age\na@x.io|Ann|31\nb@x.io|Bob|42\n"],
  ])("detects the %j delimiter and reads every row", async (delimiter, text) => {
    const { file, records } = await readTestFile(text, { fileName: "people.csv" });
    expect(file.format).toBe("csv");
    expect(file.delimiter).toBe(delimiter);
    expect(records).toEqual([
      { email: "a@x.io", name: "Ann", age: 31 },
      { email: "b@x.io", name: "Bob", age: 42 },
    ]);
  });

  it("keeps quoted fields whole: delimiters, doubled quotes and line breaks inside quotes", async () => {
    const text = 'name,note,city\n"Smith, Ann","said ""hi""","Paris"\r\n"Bob","two\nlines",Oslo\r\n';
    const { records } = await readTestFile(text);
    expect(records).toEqual([
      { name: "Smith, Ann", note: 'said "hi"', city: "Paris" },
      { name: "Bob", note: "two\nlines", city: "Oslo" },
    ]);
  });

  it("prefers the delimiter that splits every line evenly over one that appears in a value", async () => {
    const { file } = await readTestFile('a;b;c\n1;"x,y,z,w";3\n4;5;6\n');
    expect(file.delimiter).toBe(";");
  });

  it("drops a UTF-8 byte order mark so the first column keeps its name", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const { records } = await readTestFile(Buffer.concat([bom, Buffer.from("email,name\na@x.io,Zoë\n")]), {
      chunkSize: 2,
    });
    expect(records).toEqual([{ email: "a@x.io", name: "Zoë" }]);
  });

  it("types values only when they read back unchanged", async () => {
    const { records } = await readTestFile("zip,n,f,b,big,empty,neg\n007,12,1.5,true,12345678901234567890,,-3\n");
    expect(records).toEqual([
      { zip: "007", n: 12, f: 1.5, b: true, big: "12345678901234567890", empty: null, neg: -3 },
    ]);
  });

  it("names blank header cells by position and refuses duplicate column names", async () => {
    expect((await readTestFile("a,,c\n1,2,3\n")).records).toEqual([{ a: 1, column_2: 2, c: 3 }]);
    expect(await errorOf(readTestFile("email,name,email\n1,2,3\n"))).toBe(
      'line 1: the header names "email" twice (columns 1 and 3)',
    );
  });

  it("refuses a ragged row with its line number and the field counts", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i},n${i},x,y,z`).join("\n");
    const text = `a,b,c,d,e\n${rows}\n1,2,3,4,5,6,7\n`;
    expect(await errorOf(readTestFile(text))).toBe("line 12: expected 5 fields, found 7 (ragged row)");
  });

  it("refuses a quote that is never closed, naming the line where its row starts", async () => {
    expect(await errorOf(readTestFile('a,b\n1,2\n3,"open\n4,5\n'))).toMatch(
      /^line 3: a quoted field in the row that starts here is never closed/,
    );
  });

  it("refuses a header with no rows", async () => {
    expect(await errorOf(readTestFile("a,b,c\n"))).toBe("line 1: the header row has no records below it");
  });
});
