import { refusalOfPath } from "@/lib/connectors/intercom/sandbox-admin-path";
import { fillUrlTemplate, joinBaseUrl, parseUrlTemplate } from "./url-template";

// Server-side checks that need to know the credential: the endpoint URL must stay on the
// credential's Intercom host (or the configured sandbox). The HTTP client repeats the check after
// DNS resolution (private addresses) and never follows redirects; this one gives the user a message
// at the field before anything is saved.

export interface DestinationContext {
  /** e.g. "https://api.eu.intercom.io", or the sandbox URL for a sandbox credential. */
  credentialRegionBaseUrl: string;
  /** Other base URLs a destination may call, e.g. the configured sandbox ("http://127.0.0.1:4010"). */
  allowedHosts?: readonly string[];
}

export interface ContextFieldError {
  path: (string | number)[];
  message: string;
}

export type ContextValidation = { ok: true } | { ok: false; errors: ContextFieldError[] };

const URL_PATH = ["config", "urlTemplate"];

export function validateDestinationAgainstContext(
  config: { urlTemplate: string },
  context: DestinationContext,
): ContextValidation {
  const message = checkUrlAgainstContext(config.urlTemplate, context);
  return message === undefined ? { ok: true } : { ok: false, errors: [{ path: URL_PATH, message }] };
}

function checkUrlAgainstContext(urlTemplate: string, context: DestinationContext): string | undefined {
  const parsed = parseUrlTemplate(urlTemplate);
  if (!parsed.ok) return parsed.message;
  const credentialBase = parseBase(context.credentialRegionBaseUrl);
  if (!credentialBase) return "The credential's region has no valid base URL";
  const allowed = [credentialBase, ...(context.allowedHosts ?? []).map(parseBase).filter((base) => base !== undefined)];

  const filled = fillUrlTemplate(parsed.template, () => "placeholder");
  const text = parsed.template.isPath ? joinBaseUrl(credentialBase.href, filled) : filled;
  if (!URL.canParse(text)) return "This is not a valid URL";
  const url = new URL(text);
  if (url.username || url.password) return 'The URL must not contain a user name or password (the part before "@")';
  if (refusalOfPath(url.pathname)) return "Paths under /__sandbox (the sandbox's admin API) cannot be called";
  if (allowed.some((base) => isUnder(url, base))) return undefined;

  const expected = credentialBase.host;
  if (url.protocol !== "https:" && url.protocol !== "http:") return `Only https:// URLs on ${expected} are allowed`;
  if (url.hostname === credentialBase.hostname) {
    if (url.protocol !== credentialBase.protocol)
      return `Use ${credentialBase.protocol.slice(0, -1)}:// for ${expected}`;
    if (url.port !== credentialBase.port) return `Port ${url.port || "(default)"} is not allowed; use ${expected}`;
    return `The URL must start with ${credentialBase.href}`;
  }
  return `${url.host} is not your credential's Intercom host (${expected}). Use a path such as /contacts, or a URL on ${expected}`;
}

interface Base {
  href: string;
  protocol: string;
  host: string;
  hostname: string;
  port: string;
  origin: string;
  path: string;
}

function parseBase(value: string): Base | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  const path = url.pathname.replace(/\/+$/, "");
  return {
    href: url.origin + path,
    protocol: url.protocol,
    host: url.host,
    hostname: url.hostname,
    port: url.port,
    origin: url.origin,
    path,
  };
}

function isUnder(url: URL, base: Base): boolean {
  if (url.origin !== base.origin) return false;
  return base.path === "" || url.pathname === base.path || url.pathname.startsWith(`${base.path}/`);
}
