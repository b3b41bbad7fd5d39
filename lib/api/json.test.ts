import { z } from "zod";
import { describe, expect, it } from "vitest";
import { jsonResponse, stringifyJson } from "./json";
import { dottedPath, summariseIssues, toApiIssues } from "./zod-issues";

describe("stringifyJson", () => {
  it("writes BigInt as a decimal string, even nested", () => {
    expect(stringifyJson({ n: 2n ** 70n, list: [1n] })).toBe('{"n":"1180591620717411303424","list":["1"]}');
  });

  it("answers JSON that is not cached", async () => {
    const response = jsonResponse({ id: 1n }, { status: 201 });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ id: "1" });
  });
});

describe("zod issues", () => {
  const schema = z.object({
    config: z.object({ batching: z.object({ size: z.number().min(1) }) }),
    tags: z.array(z.string()),
  });

  it("names the offending field by its dotted path", () => {
    const error = schema.safeParse({ config: { batching: { size: 0 } }, tags: ["a", 3] }).error!;
    const issues = toApiIssues(error);
    expect(issues.map((i) => i.path)).toEqual(["config.batching.size", "tags.1"]);
    expect(summariseIssues(issues, "body")).toMatch(/^Invalid body: config\.batching\.size: .+ \(and 1 more\)$/);
  });

  it("uses an empty path for the root", () => {
    expect(dottedPath([])).toBe("");
    expect(summariseIssues(toApiIssues(schema.safeParse("x").error!), "body")).toMatch(/^Invalid body: Invalid input/);
  });
});
