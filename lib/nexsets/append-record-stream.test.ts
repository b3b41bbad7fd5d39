import { describe, expect, it } from "vitest";
import { rebatch, STREAM_APPEND_BATCH_BYTES } from "./append-record-stream";

async function* chunks(records: Record<string, unknown>[], per: number) {
  for (let i = 0; i < records.length; i += per) yield records.slice(i, i + per);
}

async function sizes(source: AsyncGenerator<Record<string, unknown>[]>): Promise<number[]> {
  const out: number[] = [];
  for await (const batch of source) out.push(batch.length);
  return out;
}

describe("rebatch", () => {
  it("groups small records by count", async () => {
    const records = Array.from({ length: 12 }, (_, i) => ({ id: String(i), email: `u${i}@example.com` }));
    expect(await sizes(rebatch(chunks(records, 5), 5))).toEqual([5, 5, 2]);
  });

  it("cuts a batch by bytes when records are large (issue 18: memory bounded in bytes, not records)", async () => {
    const megabyte = "x".repeat(1024 * 1024);
    const records = Array.from({ length: 20 }, (_, i) => ({ id: String(i), notes: megabyte }));
    const batches = await sizes(rebatch(chunks(records, 20), 5_000));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(20);
    expect(Math.max(...batches)).toBeLessThanOrEqual(Math.ceil(STREAM_APPEND_BATCH_BYTES / megabyte.length));
  });
});
