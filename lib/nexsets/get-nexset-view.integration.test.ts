import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { appendRecords } from "./append-records";
import { getNexsetView } from "./get-nexset-view";
import { getSampleRecords } from "./get-sample-records";

let t: TestDatabase;
let orgId: string;
let otherOrgId: string;
let nexsetId: string;
let sourceId: string;

beforeAll(async () => {
  t = await freshDatabase();
  orgId = (await t.db.organisation.create({ data: { name: "Acme" } })).id;
  otherOrgId = (await t.db.organisation.create({ data: { name: "Other" } })).id;
  sourceId = (await t.db.source.create({ data: { organisationId: orgId, kind: "file", name: "people.csv" } })).id;
  nexsetId = (await t.db.nexset.create({ data: { organisationId: orgId, sourceId, name: "people.csv" } })).id;
  const records = Array.from({ length: 45 }, (_, i) => ({
    n: i + 1,
    email: i % 3 === 0 ? null : `p${i + 1}@x.io`,
    ...(i >= 40 ? { vip: true } : {}),
  }));
  await appendRecords(t.db, nexsetId, records);
});
afterAll(() => t.drop());

describe("getNexsetView", () => {
  it("shows attributes with types and null counts, a page of records, samples and the origin", async () => {
    const view = await getNexsetView(t.db, orgId, nexsetId, { page: 2, pageSize: 20 });
    expect(view.attributes).toEqual([
      { name: "n", type: "integer", nullCount: 0 },
      { name: "email", type: "string", nullCount: 15 },
      { name: "vip", type: "boolean", nullCount: 40 },
    ]);
    expect(view).toMatchObject({ total: 45, page: 2, pageSize: 20, pageCount: 3, destinationCount: 0 });
    expect(view.records.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 21));
    expect(view.records[0]!.data).toEqual({ n: 21, email: "p21@x.io" });
    expect(view.samples.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(view.origin).toEqual({ sourceId, kind: "file", name: "people.csv", flowId: null, originDestination: null });
  });

  it("pages from the newest record when asked, and the last page is short", async () => {
    const latest = await getNexsetView(t.db, orgId, nexsetId, { pageSize: 5, order: "desc" });
    expect(latest.records.map((r) => r.seq)).toEqual([45, 44, 43, 42, 41]);
    const last = await getNexsetView(t.db, orgId, nexsetId, { page: 3, pageSize: 20 });
    expect(last.records.map((r) => r.seq)).toEqual([41, 42, 43, 44, 45]);
  });

  it("does not show another organisation's Nexset, and refuses a bad page size", async () => {
    await expect(getNexsetView(t.db, otherOrgId, nexsetId)).rejects.toThrow("Nexset not found");
    await expect(getSampleRecords(t.db, otherOrgId, nexsetId)).rejects.toThrow("Nexset not found");
    await expect(getNexsetView(t.db, orgId, nexsetId, { pageSize: 1000 })).rejects.toMatchObject({
      status: 400,
      field: "pageSize",
    });
  });

  it("gives the first n records as samples", async () => {
    expect((await getSampleRecords(t.db, orgId, nexsetId, 3)).map((r) => r.n)).toEqual([1, 2, 3]);
  });
});
