// Matches concrete request paths ("/contacts/abc123", or a wizard URL template such as
// "https://api.intercom.io/contacts/{contact_id}?x=1") against catalogue templates.

export interface PathMatch {
  params: Record<string, string>;
  /** Higher is more specific: literal segments win over parameters, earlier ones weigh more. */
  score: number;
}

const PLACEHOLDER = /^\{[^{}]+\}$/;

/** The path part of a URL or path: origin, query and fragment removed, no trailing slash. */
export function toUrlPath(pathOrUrl: string): string {
  let path = pathOrUrl.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  path = path.replace(/[?#].*$/, "");
  if (!path.startsWith("/")) path = `/${path}`;
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

export function matchPathTemplate(template: string, pathOrUrl: string): PathMatch | null {
  const wanted = splitPath(template);
  const given = splitPath(toUrlPath(pathOrUrl));
  if (wanted.length !== given.length) return null;
  const params: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < wanted.length; i++) {
    const pattern = wanted[i] as string;
    const segment = given[i] as string;
    const weight = 2 ** (wanted.length - i);
    if (PLACEHOLDER.test(pattern)) {
      params[pattern.slice(1, -1)] = PLACEHOLDER.test(segment) ? segment : safeDecode(segment);
      continue;
    }
    // A {placeholder} in the user's URL stands for a record value, never for a literal segment.
    if (PLACEHOLDER.test(segment) || pattern !== segment) return null;
    score += weight;
  }
  return { params, score };
}

/** Fills `{name}` placeholders, URL-encoding each value. Missing values throw. */
export function fillPathTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
