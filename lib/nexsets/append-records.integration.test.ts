import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { appendRecords } from "./append-records";

let t: TestDatabase;
let nexsetId: string;

beforeAll(async () => {
  t = await freshDatabase();
  const org = await t.db.organisation.create({ data: { name: "Acme" } });
  const source = await t.db.source.create({ data: { organisationId: org.id, kind: "webhook", name: "hook" } });
  nexsetId = (await t.db.nexset.create({ data: { organisationId: org.id, sourceId: source.id, name: "n" } })).id;
});
afterAll(() => t.drop());

describe("appendRecords", () => {
  it("numbers records in order across concurrent appends, with no gap or repeat", async () => {
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 250 }, (_, i) => ({ b, i, email: `${b}-${i}@x.io` })),
    );
    const results = await Promise.all(batches.map((records) => appendRecords(t.db, nexsetId, records)));
    const seqs = (
      await t.db.nexsetRecord.findMany({ where: { nexsetId }, select: { seq: true }, orderBy: { seq: "asc" } })
    ).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(results.map((r) => r.lastSeq - r.firstSeq + 1)).toEqual(Array(8).fill(250));
    const nexset = await t.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } });
    expect(nexset.recordCount).toBe(2000);
    expect(nexset.schema).toEqual({
      truncated: false,
      attributes: [
        { name: "b", type: "integer", nullCount: 0 },
        { name: "i", type: "integer", nullCount: 0 },
        { name: "email", type: "string", nullCount: 0 },
      ],
    });
  });

  it("keeps records byte-for-byte, including unicode and nested values", async () => {
    const record = { name: "Zoë Ōkubo ✓", nested: { list: [1, "two", null] }, quote: 'say "hi"' };
    const { firstSeq } = await appendRecords(t.db, nexsetId, [record]);
    const row = await t.db.nexsetRecord.findUniqueOrThrow({ where: { nexsetId_seq: { nexsetId, seq: firstSeq } } });
    expect(row.data).toEqual(record);
  });
});
