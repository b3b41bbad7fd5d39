// The request-headers field is one line of `name:value,name:value` (the format Nexla users know).
// Pairs split on commas; each pair on its FIRST colon, so values may hold colons (URLs, times).

export interface HeaderPair {
  name: string;
  value: string;
}

export interface HeaderTextError {
  /** 0-based position of the pair in the text. */
  index: number;
  message: string;
}

export type ParsedHeaders = { ok: true; headers: HeaderPair[] } | { ok: false; errors: HeaderTextError[] };

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, spaces, tabs and non-ASCII text; never CR, LF or other control characters.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;

/** Headers Flowgate sets itself, with the reason shown when a user types one. */
export const RESERVED_HEADERS: Readonly<Record<string, string>> = {
  authorization: "Authorization is added from the credential; remove it here",
  "content-type": "Content-Type is set from the content format",
  host: "Host is taken from the endpoint URL",
  "content-length": "Content-Length is computed from the body when the request is sent",
  "transfer-encoding": "Transfer-Encoding is managed by the HTTP client",
  connection: "Connection is managed by the HTTP client",
  "intercom-version": "Intercom-Version is set with the version picker below",
};

export function parseHeadersText(text: string): ParsedHeaders {
  const headers: HeaderPair[] = [];
  const errors: HeaderTextError[] = [];
  const seen = new Map<string, number>();
  if (text.trim() === "") return { ok: true, headers };
  const segments = text.split(",");
  segments.forEach((segment, index) => {
    const error = (message: string) => errors.push({ index, message: `Header ${index + 1}: ${message}` });
    if (segment.trim() === "") {
      // A trailing comma is harmless; an empty pair in the middle is probably a typo.
      if (index < segments.length - 1) error("is empty (two commas in a row?)");
      return;
    }
    const colon = segment.indexOf(":");
    if (colon === -1) return error(`"${segment.trim()}" has no ":"; write it as name:value`);
    const name = segment.slice(0, colon).trim();
    const value = segment.slice(colon + 1).trim();
    if (name === "") return error('has no name before the ":"');
    if (!TOKEN.test(name))
      return error(`"${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
    const reserved = RESERVED_HEADERS[name.toLowerCase()];
    if (reserved) return error(reserved);
    if (value === "") return error(`"${name}" has no value`);
    if (!FIELD_VALUE.test(value)) return error(`the value of "${name}" contains a control character`);
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) return error(`"${name}" is already set by header ${first + 1}`);
    seen.set(name.toLowerCase(), index);
    headers.push({ name, value });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, headers };
}
