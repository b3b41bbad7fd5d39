import { describe, expect, it } from "vitest";
import { findExcessiveNesting } from "./json-depth";

describe("findExcessiveNesting", () => {
  it("accepts nesting up to the limit and points at the bracket past it", () => {
    expect(findExcessiveNesting("[[[]]]", 3)).toBe(-1);
    expect(findExcessiveNesting('{"a":[{"b":[1]}]}', 3)).toBe(11);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(findExcessiveNesting('{"note":"[[[[\\"{{{{"}', 1)).toBe(-1);
  });

  it("finds a 300,000-deep body without recursing", () => {
    const deep = "[".repeat(300_000) + "]".repeat(300_000);
    expect(findExcessiveNesting(deep)).toBe(64);
  });

  it("counts depth, not the number of brackets: many shallow siblings pass", () => {
    expect(findExcessiveNesting(JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ [`k${i}`]: [i] }))))).toBe(
      -1,
    );
  });
});
