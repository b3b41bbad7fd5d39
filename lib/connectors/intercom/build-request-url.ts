import { refusalOfPath } from "./sandbox-admin-path";
import { intercomRegions } from "./regions";

export type UrlResolution = { ok: true; url: URL } | { ok: false; message: string };

/**
 * The URL a request goes to. The token travels with it, so it may only go to the credential's
 * region host (baseUrl) or, for an absolute URL without a baseUrl, to a known Intercom region host.
 */
export function buildRequestUrl(input: {
  baseUrl?: string;
  path?: string;
  url?: string;
  query?: Record<string, string | number | boolean | undefined>;
}): UrlResolution {
  let url: URL;
  try {
    if (input.url) url = new URL(input.url);
    else if (input.baseUrl && input.path !== undefined) url = new URL(joinPath(input.baseUrl, input.path));
    else return { ok: false, message: "A request needs a url, or a baseUrl and a path" };
  } catch {
    return { ok: false, message: `Not a valid URL: ${input.url ?? `${input.baseUrl}${input.path}`}` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, message: `Unsupported URL scheme ${url.protocol}` };
  if (url.username || url.password) return { ok: false, message: "URLs with credentials in them are refused" };

  const allowed = input.baseUrl ? [originOf(input.baseUrl)] : knownOrigins();
  if (!allowed.includes(url.origin)) {
    return {
      ok: false,
      message: `Refusing to send the Intercom token to ${url.origin}: not the credential's region host`,
    };
  }
  const pathRefusal = refusalOfPath(url.pathname);
  if (pathRefusal) return { ok: false, message: `Refusing to call ${url.pathname}: ${pathRefusal}` };
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return { ok: true, url };
}

/** A checked URL, and the two parts an HTTP dispatch needs. */
export interface ResolvedUrl {
  ok: true;
  url: string;
  origin: string;
  /** Path and query string. */
  path: string;
}

const resolved = new Map<string, ResolvedUrl>();
const MAX_REMEMBERED = 2_000;

/**
 * buildRequestUrl, remembering what it resolved: a destination sends thousands of calls to the
 * same few URLs, and parsing and checking each again costs more than the lookup. The checks
 * depend only on the inputs (and the region hosts, fixed for the process).
 */
export function resolveRequestUrl(
  input: Parameters<typeof buildRequestUrl>[0],
): ResolvedUrl | { ok: false; message: string } {
  const cacheable = !input.query || Object.keys(input.query).length === 0;
  const key = cacheable ? `${input.baseUrl ?? ""}\n${input.url ?? ""}\n${input.path ?? ""}` : undefined;
  const known = key === undefined ? undefined : resolved.get(key);
  if (known !== undefined) return known;
  const result = buildRequestUrl(input);
  if (!result.ok) return result;
  const url: ResolvedUrl = {
    ok: true,
    url: result.url.toString(),
    origin: result.url.origin,
    path: `${result.url.pathname}${result.url.search}`,
  };
  if (key !== undefined) {
    if (resolved.size >= MAX_REMEMBERED) resolved.clear();
    resolved.set(key, url);
  }
  return url;
}

function joinPath(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return path.startsWith("/") ? `${base}${path}` : `${base}/${path}`;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function knownOrigins(): (string | undefined)[] {
  return intercomRegions.map((region) => {
    const base = region.baseUrl();
    return base ? originOf(base) : undefined;
  });
}
