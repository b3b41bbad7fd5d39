import { describe, expect, it } from "vitest";
import { resolveRecordUrl } from "./resolve-record-url";
import { type UrlTemplate, parseUrlTemplate, templatePath } from "./url-template";

function template(text: string): UrlTemplate {
  const parsed = parseUrlTemplate(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.template;
}

describe("parseUrlTemplate", () => {
  it("accepts paths and absolute URLs with placeholders in the path and query", () => {
    expect(template("/contacts/{contact_id}")).toEqual({
      isPath: true,
      literals: ["/contacts/", ""],
      attributes: ["contact_id"],
    });
    expect(template("https://api.intercom.io/companies/{company id}/contacts?x={ x }").attributes).toEqual([
      "company id",
      "x",
    ]);
  });

  it.each([
    ["", "Enter the endpoint URL"],
    ["contacts", "must start with https:// or with /"],
    ["ftp://api.intercom.io/contacts", "must start with https:// or with /"],
    ["//evil.com/contacts", 'single "/"'],
    ["/contacts/{id", "not closed"],
    ["/contacts/id}", 'Unmatched "}"'],
    ["/contacts/{}", "Empty placeholder"],
    ["/contacts/{a{b}}", "not closed"],
    ["/con tacts", "must not contain spaces"],
    ["/contacts\\evil", "backslash"],
    ["https://{host}/contacts", "host part"],
    ["https://api.intercom.io@evil.com/contacts", "user name or password"],
    ["https://user:pw@api.intercom.io/contacts", "user name or password"],
    ["https://exa mple.com/x", "must not contain spaces"],
  ])("refuses %j (%s)", (text, message) => {
    const parsed = parseUrlTemplate(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it("gives the catalogue path of a template, relative to the base URL", () => {
    expect(templatePath(template("/contacts/{id}?q={x}"))).toBe("/contacts/{id}");
    expect(templatePath(template("https://api.intercom.io/contacts/{id}#top"))).toBe("/contacts/{id}");
    expect(templatePath(template("http://127.0.0.1:4010/eu/contacts"), "http://127.0.0.1:4010/eu")).toBe("/contacts");
  });
});

describe("resolveRecordUrl", () => {
  const base = "https://api.intercom.io/";

  it("fills placeholders from the record, URL-encoding each value", () => {
    const resolved = resolveRecordUrl(template("/contacts/{id}/notes?tag={tag}"), base, {
      id: "a/b c?d#e",
      tag: "ü&=",
    });
    expect(resolved).toEqual({
      ok: true,
      url: "https://api.intercom.io/contacts/a%2Fb%20c%3Fd%23e/notes?tag=%C3%BC%26%3D",
    });
  });

  it("keeps absolute URLs and stringifies numbers and booleans", () => {
    expect(resolveRecordUrl(template("https://api.eu.intercom.io/contacts/{id}"), base, { id: 42 })).toEqual({
      ok: true,
      url: "https://api.eu.intercom.io/contacts/42",
    });
    expect(resolveRecordUrl(template("/x/{flag}"), base, { flag: false })).toEqual({
      ok: true,
      url: "https://api.intercom.io/x/false",
    });
  });

  it.each([
    [{}, "doesn't have it"],
    [{ id: null }, "null"],
    [{ id: "" }, "empty"],
    [{ id: "   " }, "empty"],
    [{ id: { nested: 1 } }, "object or a list"],
    [{ id: [1] }, "object or a list"],
    [{ id: Number.NaN }, "NaN"],
    [{ id: ".." }, "change the URL's path"],
  ])("names the attribute when %j can't fill {id}", (record, message) => {
    const resolved = resolveRecordUrl(template("/contacts/{id}"), base, record);
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.attribute).toBe("id");
    expect(resolved.message).toContain('attribute "id"');
    expect(resolved.message).toContain(message);
  });

  it("does not read inherited properties as attributes", () => {
    expect(resolveRecordUrl(template("/x/{constructor}"), base, {}).ok).toBe(false);
  });
});

describe("nested placeholders", () => {
  it("resolve {body.id} from a response-webhook record, and prefer a flat key named with the dots", () => {
    const parsed = parseUrlTemplate("/contacts/{body.id}/tags");
    if (!parsed.ok) throw new Error(parsed.message);
    const base = "https://api.intercom.io";
    expect(resolveRecordUrl(parsed.template, base, { status: 200, body: { id: "c 1" } })).toEqual({
      ok: true,
      url: "https://api.intercom.io/contacts/c%201/tags",
    });
    expect(resolveRecordUrl(parsed.template, base, { "body.id": "flat", body: { id: "nested" } })).toMatchObject({
      url: "https://api.intercom.io/contacts/flat/tags",
    });
    expect(resolveRecordUrl(parsed.template, base, { body: { errors: [] } })).toMatchObject({
      ok: false,
      attribute: "body.id",
    });
  });
});
