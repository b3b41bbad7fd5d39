import { describe, expect, it } from "vitest";
import { RecordTransfer, scanArrayElements, spliceRecords } from "./record-transfer";

const tricky = [
  { note: 'commas, "quotes", \\backslashes\\ and ] } [ {', list: [1, [2, 3], { a: "]" }] },
  { empty: {}, none: [], text: "\\\\", emoji: "é 🎉", nested: { deeper: { deepest: [",", "}"] } } },
  {},
];

describe("RecordTransfer", () => {
  it("finds each record's text in the array JSON, whatever its strings hold", () => {
    const transfer = new RecordTransfer(tricky);
    expect(tricky.map((_, index) => transfer.recordJson(index))).toEqual(
      tricky.map((record) => JSON.stringify(record)),
    );
    expect(transfer.recordJson(3)).toBeUndefined();
    expect(scanArrayElements("[]")).toEqual([]);
  });

  it("splices the whole array and single records back in place of their markers", () => {
    const transfer = new RecordTransfer(tricky);
    const marker = (suffix: string) => JSON.stringify(transfer.markerPrefix + suffix);
    expect(spliceRecords(`{"all":${marker("all")},"second":[${marker("1")}]}`, transfer)).toBe(
      `{"all":${JSON.stringify(tricky)},"second":[${JSON.stringify(tricky[1])}]}`,
    );
    // A marker inside a longer string can't be spliced: the caller re-serializes without markers.
    expect(spliceRecords(JSON.stringify(`see ${transfer.markerPrefix}0`), transfer)).toBeUndefined();
  });

  it("marks records QuickJS can't proxy faithfully as eager", () => {
    expect(new RecordTransfer(tricky).eager).toBe(false);
    expect(new RecordTransfer([JSON.parse('{"__proto__": 1}') as Record<string, unknown>]).eager).toBe(true);
    expect(new RecordTransfer([{ toJSON: "x" }]).eager).toBe(true);
  });
});
