import { describe, expect, it } from "vitest";
import { fillPathTemplate, matchPathTemplate, toUrlPath } from "./match-path";

describe("match-path", () => {
  it("toUrlPath strips origin, query, fragment and trailing slashes", () => {
    expect(toUrlPath("https://api.intercom.io/contacts/1/?a=b#x")).toBe("/contacts/1");
    expect(toUrlPath("contacts")).toBe("/contacts");
    expect(toUrlPath("/")).toBe("/");
  });

  it("matches templates segment by segment", () => {
    expect(matchPathTemplate("/contacts/{contact_id}/tags", "/contacts/abc/tags")?.params).toEqual({
      contact_id: "abc",
    });
    expect(matchPathTemplate("/contacts/{contact_id}", "/contacts/abc/tags")).toBeNull();
    expect(matchPathTemplate("/contacts/{contact_id}", "/companies/abc")).toBeNull();
  });

  it("scores literal segments above parameters", () => {
    const literal = matchPathTemplate("/contacts/bulk", "/contacts/bulk");
    const param = matchPathTemplate("/contacts/{contact_id}", "/contacts/bulk");
    expect(literal && param && literal.score > param.score).toBe(true);
  });

  it("a {placeholder} in the URL matches parameters only", () => {
    expect(matchPathTemplate("/contacts/{contact_id}", "/contacts/{id}")?.params).toEqual({ contact_id: "{id}" });
    expect(matchPathTemplate("/contacts/bulk", "/contacts/{id}")).toBeNull();
  });

  it("fillPathTemplate encodes values and refuses missing ones", () => {
    expect(fillPathTemplate("/contacts/{contact_id}/tags/{tag_id}", { contact_id: "a/b c", tag_id: "7" })).toBe(
      "/contacts/a%2Fb%20c/tags/7",
    );
    expect(() => fillPathTemplate("/contacts/{contact_id}", {})).toThrow(/contact_id/);
  });
});
