// Endpoint URL templates: an absolute http(s) URL or a path starting with "/", with `{attribute}`
// placeholders resolved per record. Placeholders may sit in the path, query or fragment, never in
// the scheme or host, so a record's data can never choose where a request goes.

export interface UrlTemplate {
  isPath: boolean;
  /** Text between placeholders; always one more than `attributes`. */
  literals: readonly string[];
  attributes: readonly string[];
}

export type ParsedUrlTemplate = { ok: true; template: UrlTemplate } | { ok: false; message: string };

export const MAX_URL_TEMPLATE_LENGTH = 2048;
const ABSOLUTE = /^https?:\/\//i;

export function parseUrlTemplate(text: string): ParsedUrlTemplate {
  const source = text.trim();
  if (source === "") return fail("Enter the endpoint URL, e.g. /contacts or https://api.intercom.io/contacts");
  if (source.length > MAX_URL_TEMPLATE_LENGTH)
    return fail(`The URL is longer than ${MAX_URL_TEMPLATE_LENGTH} characters`);
  const split = splitPlaceholders(source);
  if (typeof split === "string") return fail(split);
  const literalText = split.literals.join("");
  if (/\s/.test(literalText) || hasControlCharacter(literalText))
    return fail("The URL must not contain spaces or control characters (encode a space as %20)");
  if (literalText.includes("\\")) return fail("The URL must not contain a backslash");

  if (source.startsWith("/")) {
    if (source.startsWith("//"))
      return fail('Start a path with a single "/"; for another host write the full https:// URL');
    return { ok: true, template: { isPath: true, ...split } };
  }
  if (!ABSOLUTE.test(source))
    return fail("The URL must start with https:// or with / (a path on your credential's Intercom host)");
  const authority = source.slice(source.indexOf("//") + 2).split(/[/?#]/, 1)[0] ?? "";
  if (authority.includes("{")) return fail("Placeholders can't be used in the host part of the URL");
  if (authority.includes("@")) return fail('The URL must not contain a user name or password (the part before "@")');
  if (!URL.canParse(fillUrlTemplate({ isPath: false, ...split }, () => "x"))) return fail("This is not a valid URL");
  return { ok: true, template: { isPath: false, ...split } };
}

/** Joins the template with one value per placeholder (values must already be URL-encoded). */
export function fillUrlTemplate(template: UrlTemplate, valueOf: (attribute: string, index: number) => string): string {
  let url = template.literals[0] ?? "";
  for (let i = 0; i < template.attributes.length; i++)
    url += valueOf(template.attributes[i]!, i) + template.literals[i + 1];
  return url;
}

/** The base URL without trailing slashes, so "/contacts" joins cleanly. */
export function joinBaseUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

/** The path of the template (placeholders kept, query and fragment dropped), relative to `baseUrl`. */
export function templatePath(template: UrlTemplate, baseUrl?: string): string {
  const text = fillUrlTemplate(template, (attribute) => `{${attribute}}`);
  let path = template.isPath ? text : text.replace(/^https?:\/\/[^/?#]*/i, "") || "/";
  path = path.split(/[?#]/, 1)[0] ?? "/";
  const basePath = baseUrl && URL.canParse(baseUrl) ? new URL(baseUrl).pathname.replace(/\/+$/, "") : "";
  if (!template.isPath && basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  return path;
}

/** Splits text into literals and `{attribute}` placeholders; a string is the reason it can't. */
export function splitPlaceholders(source: string): { literals: string[]; attributes: string[] } | string {
  const literals: string[] = [];
  const attributes: string[] = [];
  let literal = "";
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === "}") return `Unmatched "}" at position ${i + 1}`;
    if (char !== "{") {
      literal += char;
      i++;
      continue;
    }
    const close = source.indexOf("}", i + 1);
    const nextOpen = source.indexOf("{", i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close))
      return `The placeholder at position ${i + 1} is not closed with "}"`;
    const attribute = source.slice(i + 1, close).trim();
    if (attribute === "") return `Empty placeholder "{}" at position ${i + 1}; write {attribute}`;
    literals.push(literal);
    attributes.push(attribute);
    literal = "";
    i = close + 1;
  }
  literals.push(literal);
  return { literals, attributes };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function fail(message: string): ParsedUrlTemplate {
  return { ok: false, message };
}
