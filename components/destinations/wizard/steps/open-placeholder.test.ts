import { describe, expect, it } from "vitest";
import { completePlaceholder, openPlaceholderAt } from "./open-placeholder";

describe("URL placeholder autocomplete", () => {
  it("finds the placeholder being typed at the caret, and nothing once it is closed", () => {
    expect(openPlaceholderAt("/contacts/{", 11)).toEqual({ start: 10, partial: "" });
    expect(openPlaceholderAt("/contacts/{ext", 14)).toEqual({ start: 10, partial: "ext" });
    expect(openPlaceholderAt("/contacts/{id}", 14)).toBeUndefined();
    expect(openPlaceholderAt("/contacts/{id}/tags", 19)).toBeUndefined();
    expect(openPlaceholderAt("/contacts/{a b", 14)).toBeUndefined();
    expect(openPlaceholderAt("/contacts", 9)).toBeUndefined();
  });

  it("completes the name with its closing brace, replacing what was typed, and keeps the rest of the URL", () => {
    expect(completePlaceholder("/contacts/{ex", 13, "external_id")).toEqual({
      text: "/contacts/{external_id}",
      caret: 23,
    });
    expect(completePlaceholder("/contacts/{ex}/tags", 13, "external_id")).toEqual({
      text: "/contacts/{external_id}/tags",
      caret: 23,
    });
    expect(completePlaceholder("/contacts/{e/tags", 12, "email")).toEqual({
      text: "/contacts/{email}/tags",
      caret: 17,
    });
    expect(completePlaceholder("/contacts", 9, "email")).toBeUndefined();
  });
});
