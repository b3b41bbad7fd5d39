import { readAttributePath } from "./mapping/attribute-path";
import { type UrlTemplate, fillUrlTemplate, joinBaseUrl } from "./url-template";

export type ResolvedUrl = { ok: true; url: string } | { ok: false; attribute: string; message: string };

/**
 * The request URL for one record. Placeholders read the full record (before exclusions), nested
 * paths too (`{body.id}` in a response-webhook record), and each
 * value is encodeURIComponent'ed. A record that can't fill a placeholder gets an error naming the
 * attribute instead of a request to a wrong URL.
 */
export function resolveRecordUrl(template: UrlTemplate, baseUrl: string, record: Record<string, unknown>): ResolvedUrl {
  let failure: { attribute: string; message: string } | undefined;
  const filled = fillUrlTemplate(template, (attribute) => {
    if (failure) return "";
    const encoded = encodePlaceholderValue(attribute, readAttributePath(record, attribute));
    if (typeof encoded === "string") return encoded;
    failure = encoded;
    return "";
  });
  if (failure) return { ok: false, ...failure };
  return { ok: true, url: template.isPath ? joinBaseUrl(baseUrl, filled) : filled };
}

function encodePlaceholderValue(attribute: string, value: unknown): string | { attribute: string; message: string } {
  const problem = (what: string) => ({ attribute, message: `The URL needs attribute "${attribute}", but ${what}` });
  if (value === undefined) return problem("this record doesn't have it");
  if (value === null) return problem("it is null in this record");
  if (typeof value === "object")
    return problem("it is an object or a list in this record; a URL needs text or a number");
  if (typeof value === "number" && !Number.isFinite(value)) return problem(`it is ${String(value)} in this record`);
  if (
    typeof value !== "string" &&
    typeof value !== "number" &&
    typeof value !== "boolean" &&
    typeof value !== "bigint"
  ) {
    return problem("it is not text or a number in this record");
  }
  const text = String(value);
  if (text.trim() === "") return problem("it is empty in this record");
  // The URL parser treats "." and ".." path segments as navigation even when percent-encoded.
  if (text === "." || text === "..") return problem(`its value "${text}" would change the URL's path`);
  return encodeURIComponent(text);
}
