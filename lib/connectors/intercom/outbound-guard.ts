import dns from "node:dns";
import type { LookupFunction, Socket } from "node:net";
import { isIP } from "node:net";
import { buildConnector } from "undici";
import { refusedAddressReason } from "./outbound-address";
export { refusalOfPath } from "./sandbox-admin-path";
import { intercomRegions, sandboxBaseUrl } from "./regions";

// The runtime guard under every Intercom call (an undici `connect` hook, so it judges the address
// actually connected to — no gap between a check and the connection for DNS rebinding to use):
//   1. the origin must be an Intercom region host, the configured sandbox, or an origin the
//      operator listed in FLOWGATE_OUTBOUND_ALLOW_ORIGINS;
//   2. every address the host resolves to must be public (outbound-address.ts), unless the origin
//      is exactly the sandbox's or an operator-listed one (those are usually on loopback);
//   3. no path may reach the sandbox's admin API (/__sandbox…): it answers for every app of the
//      sandbox, so a destination, Send Test or source must never call it (checked per request in
//      dispatchCall, the one function every Intercom call goes through: the connect hook sees no path).
// The request builder and buildRequestUrl refuse most of this earlier with a friendlier message;
// this layer holds even if one of them is bypassed. Redirects are never followed (undici request).

export const OUTBOUND_REFUSED = "FLOWGATE_OUTBOUND_REFUSED";

export class OutboundRefusedError extends Error {
  readonly code = OUTBOUND_REFUSED;
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

export interface OutboundPolicy {
  /** Origins that may be called at all. */
  allowedOrigins(): readonly string[];
  /** Allowed origins whose addresses are not checked (the sandbox; operator-listed origins). */
  trustedOrigins(): readonly string[];
  /** DNS resolution (dns.lookup); replaceable so tests can simulate a poisoned or rebinding resolver. */
  lookup?: typeof dns.lookup;
}

function originOf(url: string | undefined): string | undefined {
  return url !== undefined && URL.canParse(url) ? new URL(url).origin : undefined;
}

function operatorOrigins(): string[] {
  const listed = (process.env.FLOWGATE_OUTBOUND_ALLOW_ORIGINS ?? "").split(",").map((s) => s.trim());
  return listed.map(originOf).filter((o): o is string => o !== undefined && o !== "null");
}

/** Intercom's region hosts (https only), the configured sandbox and FLOWGATE_OUTBOUND_ALLOW_ORIGINS. Read per call. */
export function intercomOutboundPolicy(): OutboundPolicy {
  const trusted = () => [originOf(sandboxBaseUrl()), ...operatorOrigins()].filter((o): o is string => o !== undefined);
  const regions = () =>
    intercomRegions
      .filter((r) => r.id !== "sandbox")
      .map((r) => originOf(r.baseUrl() ?? ""))
      .filter((o): o is string => o !== undefined);
  return { allowedOrigins: () => [...regions(), ...trusted()], trustedOrigins: trusted };
}

/**
 * Why a call to this URL's origin is refused before any DNS lookup (origin not allowed, or a literal IP
 * address that is private), or undefined. Decimal/hex/octal hosts (http://2130706433/) are already
 * dotted IPv4 here: WHATWG URL parsing normalises them.
 */
export function refusalBeforeLookup(
  url: URL | string,
  policy: OutboundPolicy = intercomOutboundPolicy(),
): string | undefined {
  const parsed = typeof url === "string" ? (URL.canParse(url) ? new URL(url) : undefined) : url;
  if (!parsed) return `not a URL: ${String(url)}`;
  if (parsed.username || parsed.password) return "the URL carries a user name or password";
  if (!policy.allowedOrigins().includes(parsed.origin)) {
    return "not an Intercom API host or the configured sandbox";
  }
  if (policy.trustedOrigins().includes(parsed.origin)) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const reason = refusedAddressReason(host);
    if (reason) return `${host} is a ${reason} address`;
  }
  return undefined;
}

/** dns.lookup that fails when ANY address of the host is refused (a mixed answer is a rebinding tell). */
export function guardedLookup(resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  return (host, options, callback) => {
    resolve(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      for (const { address } of list) {
        const reason = refusedAddressReason(address);
        if (reason)
          return callback(
            new OutboundRefusedError(`Refusing to connect to ${host}: it resolves to ${address}, a ${reason} address`),
            "",
            0,
          );
      }
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" }), "", 0);
      if (options.all) return callback(null, list);
      callback(null, first.address, first.family);
    });
  };
}

/** An undici connector that applies the policy before connecting and checks the connected peer after. */
export function createGuardedConnector(
  policy: OutboundPolicy,
  connectOptions: { timeout?: number } = {},
): buildConnector.connector {
  // IP-literal hosts skip the lookup (Node connects to them directly): refusalBeforeLookup covers those.
  const checked = buildConnector({ ...connectOptions, lookup: guardedLookup(policy.lookup) });
  const trustedConnector = buildConnector(connectOptions);

  return (options, callback) => {
    const origin = `${options.protocol}//${options.host ?? options.hostname}`;
    const refusal = refusalBeforeLookup(origin, policy);
    if (refusal) {
      queueMicrotask(() => callback(new OutboundRefusedError(`Refusing to call ${origin}: ${refusal}`), null));
      return;
    }
    const trusted = policy.trustedOrigins().includes(origin);
    (trusted ? trustedConnector : checked)(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error("connection failed"), null);
      // Belt and braces: the peer actually connected to.
      const peer = (socket as Socket).remoteAddress;
      const reason = trusted || !peer ? undefined : refusedAddressReason(peer);
      if (!reason) return callback(null, socket);
      socket.destroy();
      callback(new OutboundRefusedError(`Refusing to call ${origin}: connected to ${peer}, a ${reason} address`), null);
    });
  };
}

/** True when an error (or its cause) is this guard's refusal. */
export function isOutboundRefusal(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && (current as { code?: unknown }).code === OUTBOUND_REFUSED) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The refusal's message (from the error or its cause). */
export function outboundRefusalMessage(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (current instanceof OutboundRefusedError) return current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return String(error);
}
