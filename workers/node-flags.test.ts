import { describe, expect, it } from "vitest";
import { DEFAULT_WORKER_HEAP_MB, workerNodeFlags } from "./node-flags";

describe("workerNodeFlags", () => {
  it("caps the worker's heap by default, as configured, or not at all with 0", () => {
    expect(workerNodeFlags({})).toEqual([
      `--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`,
      "--max-semi-space-size=8",
      "--heap-growing-percent=50",
    ]);
    expect(workerNodeFlags({ FLOWGATE_WORKER_HEAP_MB: "512" })).toEqual([
      "--max-old-space-size=512",
      "--max-semi-space-size=8",
      "--heap-growing-percent=50",
    ]);
    expect(workerNodeFlags({ FLOWGATE_WORKER_HEAP_MB: "0" })).toEqual([]);
  });

  it("names the variable when its value is not a whole number of MB", () => {
    expect(() => workerNodeFlags({ FLOWGATE_WORKER_HEAP_MB: "lots" })).toThrow(
      /FLOWGATE_WORKER_HEAP_MB must be a whole number/,
    );
    expect(() => workerNodeFlags({ FLOWGATE_WORKER_HEAP_MB: "-1" })).toThrow(/FLOWGATE_WORKER_HEAP_MB/);
  });
});
