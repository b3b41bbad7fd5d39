import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { createFileSource } from "./create-file-source";
import { ingestFile } from "./ingest-file";

let t: TestDatabase;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  t = await freshDatabase();
  orgId = (await t.db.organisation.create({ data: { name: "Acme" } })).id;
  otherOrgId = (await t.db.organisation.create({ data: { name: "Other" } })).id;
});
afterAll(() => t.drop());

function* csvLines(rows: number, badAt?: number): Generator<string> {
  yield "id,email,plan\n";
  for (let i = 1; i <= rows; i++) yield i === badAt ? `${i},user${i}@x.io,pro,EXTRA\n` : `${i},user${i}@x.io,pro\n`;
}

/** Text lines grouped into ~64 KB chunks, as a file read from disk arrives. */
function chunked(lines: Iterable<string>): Readable {
  return Readable.from(
    (function* () {
      let buffer = "";
      for (const line of lines) {
        buffer += line;
        if (buffer.length >= 65_536) {
          yield Buffer.from(buffer);
          buffer = "";
        }
      }
      if (buffer) yield Buffer.from(buffer);
    })(),
  );
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("ingestFile", () => {
  it("streams a 100,000-row CSV into a new source: every row once, in file order, with progress", async () => {
    const progress: [number, number][] = [];
    const result = await ingestFile({
      db: t.db,
      organisationId: orgId,
      fileName: "contacts.csv",
      stream: chunked(csvLines(100_000)),
      onProgress: (bytes, rows) => progress.push([bytes, rows]),
    });
    expect(result).toMatchObject({
      format: "csv",
      delimiter: ",",
      recordsAdded: 100_000,
      firstSeq: 1,
      lastSeq: 100_000,
    });
    const source = await t.db.source.findUniqueOrThrow({
      where: { id: result.sourceId },
      include: { nexset: true, runs: true },
    });
    expect(source).toMatchObject({ kind: "file", name: "contacts.csv", organisationId: orgId });
    expect(source.nexset).toMatchObject({ id: result.nexsetId, recordCount: 100_000 });
    expect(source.runs).toMatchObject([{ status: "succeeded", recordsAdded: 100_000 }]);
    // seq n holds the row with id n: order kept, nothing repeated or missing.
    const mismatched = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "NexsetRecord" WHERE "nexsetId" = ${result.nexsetId} AND ("data"->>'id')::int <> "seq"`;
    expect(Number(mismatched[0]!.n)).toBe(0);
    expect(await t.db.nexsetRecord.count({ where: { nexsetId: result.nexsetId } })).toBe(100_000);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toEqual([result.bytes, 100_000]);
    expect(progress.every(([, rows], i) => i === 0 || rows > progress[i - 1]![1])).toBe(true);
  });

  it("keeps nothing of a file whose last row is bad, and creates no source, naming the line", async () => {
    const sourcesBefore = await t.db.source.count();
    const recordsBefore = await t.db.nexsetRecord.count();
    const error = await rejection(
      ingestFile({ db: t.db, organisationId: orgId, fileName: "bad.csv", stream: chunked(csvLines(40_000, 40_000)) }),
    );
    expect(error.message).toBe("line 40001: expected 3 fields, found 4 (ragged row)");
    expect(await t.db.source.count()).toBe(sourcesBefore);
    expect(await t.db.nexsetRecord.count()).toBe(recordsBefore);
  });

  it("appends to an existing file source all-or-nothing and records the failed attempt as a run", async () => {
    const { sourceId, nexsetId } = await createFileSource(t.db, orgId, { name: "Uploads" });
    const first = await ingestFile({
      db: t.db,
      organisationId: orgId,
      sourceId,
      fileName: "a.ndjson",
      stream: Readable.from(['{"a":1}\n{"a":2}\n']),
    });
    expect(first).toMatchObject({ format: "ndjson", recordsAdded: 2, firstSeq: 1, lastSeq: 2 });

    const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ a: i }));
    lines[4_321] = '{"a": 4321';
    const error = await rejection(
      ingestFile({
        db: t.db,
        organisationId: orgId,
        sourceId,
        fileName: "b.ndjson",
        stream: Readable.from([lines.join("\n")]),
      }),
    );
    expect(error.message).toBe("line 4322, column 11: expected ',' or '}', found end of input");
    expect(await t.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } })).toMatchObject({ recordCount: 2 });
    expect(await t.db.nexsetRecord.count({ where: { nexsetId } })).toBe(2);
    const runs = await t.db.sourceRun.findMany({ where: { sourceId }, orderBy: { startedAt: "asc" } });
    expect(runs.map((r) => [r.status, r.recordsAdded])).toEqual([
      ["succeeded", 2],
      ["failed", 0],
    ]);
    expect(runs[1]!.error).toBe(error.message);

    const third = await ingestFile({
      db: t.db,
      organisationId: orgId,
      sourceId,
      fileName: "c.json",
      stream: Readable.from(['[{"a":3}]']),
    });
    expect(third).toMatchObject({ recordsAdded: 1, firstSeq: 3, lastSeq: 3 });
  });

  it("reads a web ReadableStream (a request body)", async () => {
    const body = new Response("email;plan\na@x.io;pro\nb@x.io;free\n").body!;
    const result = await ingestFile({ db: t.db, organisationId: orgId, fileName: "web.csv", stream: body });
    expect(result).toMatchObject({ delimiter: ";", recordsAdded: 2 });
    const records = await t.db.nexsetRecord.findMany({ where: { nexsetId: result.nexsetId }, orderBy: { seq: "asc" } });
    expect(records.map((r) => r.data)).toEqual([
      { email: "a@x.io", plan: "pro" },
      { email: "b@x.io", plan: "free" },
    ]);
  });

  it("refuses an empty file, a header-only CSV and another organisation's source, storing nothing", async () => {
    const before = await t.db.source.count();
    expect(
      (await rejection(ingestFile({ db: t.db, organisationId: orgId, fileName: "e.csv", stream: Readable.from([]) })))
        .message,
    ).toBe("the file is empty");
    expect(
      (
        await rejection(
          ingestFile({ db: t.db, organisationId: orgId, fileName: "h.csv", stream: Readable.from(["a,b\n"]) }),
        )
      ).message,
    ).toBe("line 1: the header row has no records below it");
    const { sourceId } = await createFileSource(t.db, orgId, { name: "Mine" });
    const foreign = await rejection(
      ingestFile({
        db: t.db,
        organisationId: otherOrgId,
        sourceId,
        fileName: "x.csv",
        stream: Readable.from(["a\n1\n"]),
      }),
    );
    expect(foreign.message).toBe("Source not found");
    expect(await t.db.source.count()).toBe(before + 1);
  });
});
