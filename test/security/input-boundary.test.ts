import { z } from "zod";
import { describe, expect, it } from "vitest";
import { findNulCharacters } from "@/lib/api/nul-characters";
import { toApiIssues } from "@/lib/api/zod-issues";

// Two fixes the fuzz test (fuzz.integration.test.ts) forced at the API boundary, pinned here.

describe("findNulCharacters", () => {
  it("names every string value or key holding U+0000, by its dotted path", () => {
    expect(findNulCharacters({ id: "a\u0000b", ok: "fine", list: ["x", { "k\u0000": 1, deep: ["\u0000"] }] })).toEqual([
      { path: "id", message: "Must not contain the NUL character (\\u0000)" },
      { path: "list.1.k\u0000", message: expect.any(String) },
      { path: "list.1.deep.0", message: expect.any(String) },
    ]);
    expect(findNulCharacters({ text: "no nul here \\u0000 (escaped text is fine)", n: 0, b: null })).toEqual([]);
  });

  it("copes with very deep nesting without recursion", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}"\\u0000"${"]".repeat(50_000)}`) as unknown;
    expect(findNulCharacters(deep)).toHaveLength(1);
  });
});

describe("toApiIssues on unions", () => {
  const selection = z.object({
    selection: z.union([z.object({ ids: z.array(z.string()).min(1) }), z.object({ all: z.literal(true) })]),
  });

  it("reports the closest branch's field instead of a bare 'Invalid input' at the union", () => {
    const parsed = selection.safeParse({ selection: { ids: ["1", 2] } });
    expect(parsed.success).toBe(false);
    expect(toApiIssues(parsed.error!)).toEqual([
      { path: "selection.ids.1", message: expect.stringContaining("expected string") },
    ]);
  });

  it("keeps discriminated unions' own message for an unknown kind", () => {
    const kinds = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("a") }),
      z.object({ kind: z.literal("b"), n: z.number() }),
    ]);
    expect(toApiIssues(kinds.safeParse({ kind: "c" }).error!)).toEqual([{ path: "kind", message: expect.any(String) }]);
    expect(toApiIssues(kinds.safeParse({ kind: "b", n: "1" }).error!)).toEqual([
      { path: "n", message: expect.any(String) },
    ]);
  });
});
