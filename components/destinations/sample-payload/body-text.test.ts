import { describe, expect, it } from "vitest";
import { checkJsonText, prettyBody } from "./body-text";

describe("test body text", () => {
  it("indents JSON bodies for reading and leaves anything else as sent", () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody("plain text")).toBe("plain text");
    expect(prettyBody(undefined)).toBe("");
  });

  it("flags invalid JSON with the line where it breaks", () => {
    expect(checkJsonText('{"a": 1}')).toEqual({ ok: true });
    const broken = checkJsonText('{\n  "a": 1,\n  "b": }');
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.line).toBe(3);
      expect(broken.message).toBe("Invalid JSON (line 3, column 8): unexpected '}' where a value was expected");
    }
  });
});
