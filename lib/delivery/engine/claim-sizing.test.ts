import { describe, expect, it } from "vitest";
import { BytePool, cutClaims, runByteCap } from "./claim-sizing";

const MB = 1024 * 1024;
const limits = { maxRecordBytes: 2 * MB, maxBytesInFlight: 32 * MB };
const sizesOf = (bytes: number[], from = 1) => new Map(bytes.map((b, i) => [from + i, b]));

describe("cutClaims", () => {
  it("claims by size: a claim stops at its byte share, the whole cut at the room left", () => {
    const sizes = sizesOf(Array<number>(20).fill(MB + MB / 2));
    const claims = cutClaims({
      from: 1,
      through: 20,
      recordsPerClaim: 64,
      maxClaims: 4,
      claimBytes: 4 * MB,
      room: 8 * MB,
      sizes,
      limits,
    });
    expect(claims.map((c) => [c.firstSeq, c.lastSeq])).toEqual([
      [1, 2],
      [3, 4],
      [5, 5],
    ]);
    expect(claims.reduce((sum, c) => sum + c.bytes, 0)).toBeLessThanOrEqual(8 * MB);
  });

  it("counts records too large to load as nothing, and missing ones too: no gap in what is claimed", () => {
    const sizes = sizesOf([500, 8 * MB, 700]);
    const claims = cutClaims({
      from: 1,
      through: 4,
      recordsPerClaim: 64,
      maxClaims: 1,
      claimBytes: MB,
      room: MB,
      sizes,
      limits,
    });
    expect(claims).toEqual([{ firstSeq: 1, lastSeq: 4, bytes: 1_200 }]);
  });

  it("keeps the record count per claim (batch size) when records are small", () => {
    const claims = cutClaims({
      from: 101,
      through: 400,
      recordsPerClaim: 100,
      maxClaims: 2,
      claimBytes: 4 * MB,
      room: 8 * MB,
      sizes: sizesOf(Array<number>(300).fill(300), 101),
      limits,
    });
    expect(claims.map((c) => [c.firstSeq, c.lastSeq, c.bytes])).toEqual([
      [101, 200, 30_000],
      [201, 300, 30_000],
    ]);
  });

  it("always gives the first claim one record, so a run never stalls on one large record", () => {
    const claims = cutClaims({
      from: 1,
      through: 3,
      recordsPerClaim: 64,
      maxClaims: 3,
      claimBytes: MB,
      room: MB,
      sizes: sizesOf([MB + 1, 10, 10]),
      limits: { maxRecordBytes: 2 * MB },
    });
    expect(claims).toEqual([{ firstSeq: 1, lastSeq: 1, bytes: MB + 1 }]);
  });
});

describe("BytePool", () => {
  it("lends bytes while they fit, and lets one claim through when nobody holds any", () => {
    const pool = new BytePool(10);
    expect(pool.tryTake(6)).toBe(true);
    expect(pool.tryTake(6)).toBe(false);
    expect(pool.available).toBe(4);
    pool.release(6);
    expect(pool.tryTake(12)).toBe(true);
    expect(pool.available).toBe(0);
  });

  it("gives one run a quarter of the process's bytes, never less than two records", () => {
    expect(runByteCap(limits)).toBe(8 * MB);
    expect(runByteCap({ maxRecordBytes: 2 * MB, maxBytesInFlight: 8 * MB })).toBe(4 * MB);
  });
});
