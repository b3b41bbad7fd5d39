import { describe, expect, it } from "vitest";
import { parseHeadersText } from "./headers-text";

describe("parseHeadersText", () => {
  it("splits pairs on commas and each pair on its first colon, trimming both sides", () => {
    expect(parseHeadersText(" X-Trace : abc , X-Callback:https://example.com:8443/hook?t=1:2 ")).toEqual({
      ok: true,
      headers: [
        { name: "X-Trace", value: "abc" },
        { name: "X-Callback", value: "https://example.com:8443/hook?t=1:2" },
      ],
    });
  });

  it("accepts empty text and a trailing comma", () => {
    expect(parseHeadersText("")).toEqual({ ok: true, headers: [] });
    expect(parseHeadersText("   ")).toEqual({ ok: true, headers: [] });
    expect(parseHeadersText("X-A:1,")).toEqual({ ok: true, headers: [{ name: "X-A", value: "1" }] });
  });

  it.each(["Authorization:Bearer x", "authorization: Bearer x", "AUTHORIZATION:x"])(
    "refuses %s and says the credential adds it",
    (text) => {
      const result = parseHeadersText(text);
      expect(result).toEqual({
        ok: false,
        errors: [{ index: 0, message: "Header 1: Authorization is added from the credential; remove it here" }],
      });
    },
  );

  it("refuses headers Flowgate sets itself, with the reason", () => {
    const result = parseHeadersText("Content-Type:text/plain,host:evil.com,Intercom-Version:2.11");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.message)).toEqual([
      "Header 1: Content-Type is set from the content format",
      "Header 2: Host is taken from the endpoint URL",
      "Header 3: Intercom-Version is set with the version picker below",
    ]);
  });

  it("refuses duplicates case-insensitively, pointing at the first one", () => {
    expect(parseHeadersText("X-A:1,x-a:2")).toEqual({
      ok: false,
      errors: [{ index: 1, message: 'Header 2: "x-a" is already set by header 1' }],
    });
  });

  it("reports every bad pair with its position", () => {
    const result = parseHeadersText("novalue,:x,Bad Name:1,X-Empty:,,X-Ok:1");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.index)).toEqual([0, 1, 2, 3, 4]);
    expect(result.errors[0]!.message).toContain('has no ":"');
    expect(result.errors[1]!.message).toContain("no name");
    expect(result.errors[2]!.message).toContain("not a valid header name");
    expect(result.errors[3]!.message).toContain("has no value");
    expect(result.errors[4]!.message).toContain("is empty");
  });

  it("refuses control characters in values (no header injection)", () => {
    const result = parseHeadersText("X-A:ok\r\nX-Injected: yes");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toContain("control character");
  });
});
