import { describe, expect, it } from "vitest";
import { Router } from "./router";

describe("Router", () => {
  const router = new Router<string>();
  router.add("GET", "/contacts/{contact_id}", "show");
  router.add("POST", "/contacts/search", "search");
  router.add("POST", "/contacts/{contact_id}", "never");
  router.add("GET", "/contacts/{contact_id}/tags/{tag_id}", "tag");

  it("prefers literal segments over parameters and decodes parameters", () => {
    expect(router.match("POST", "/contacts/search")?.handler).toBe("search");
    expect(router.matchAll("POST", "/contacts/search").map((m) => m.handler)).toEqual(["search", "never"]);
    expect(router.match("GET", "/contacts/a%20b/tags/7")).toEqual({
      handler: "tag",
      params: { contact_id: "a b", tag_id: "7" },
    });
    expect(router.match("GET", "/contacts/abc/")?.params).toEqual({ contact_id: "abc" });
  });

  it("matches nothing for another method, an empty or undecodable segment", () => {
    expect(router.match("PATCH", "/contacts/abc")).toBeUndefined();
    expect(router.match("GET", "/contacts//tags/1")).toBeUndefined();
    expect(router.match("GET", "/contacts/%E0%A4%A")).toBeUndefined();
  });
});
