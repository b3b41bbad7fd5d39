import { randomBytes, timingSafeEqual } from "node:crypto";

// Intercom's OAuth, as its developer docs describe it (developers.intercom.com, "Setting up OAuth"
// and "Using OAuth"): an app registered in the Developer Hub has a client id and secret, redirect
// URLs and the permissions ticked there (granted as a whole; the authorize URL takes no scope). The
// customer is sent to /oauth?client_id&state[&redirect_uri], authorizes, and comes back to the
// redirect URL with `code` and `state`; the code is traded at POST /auth/eagle/token with code,
// client_id and client_secret "within about 5 minutes". Tokens do not expire and have no refresh
// token; they stop working when the customer uninstalls the app (here: the admin revoke call).

export const CODE_LIFETIME_MS = 5 * 60 * 1000;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  permissions: string[];
  /** Where Intercom may send the customer back; the first is the default. */
  redirectUrls: string[];
}

interface IssuedCode {
  clientId: string;
  appId: string;
  redirectUri: string;
  expiresAtMs: number;
}

export type CodeExchange =
  | { ok: true; appId: string }
  | { ok: false; reason: "unknown_client" | "wrong_secret" | "unknown_code" | "expired_code" };

export class OAuthRegistry {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly codeLifetimeMs = CODE_LIFETIME_MS) {}

  register(client: OAuthClient): OAuthClient {
    this.clients.set(client.clientId, client);
    return client;
  }

  client(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  /** The redirect URL to use: the one asked for if registered, else the default; undefined when refused. */
  redirectFor(client: OAuthClient, asked: string | null): string | undefined {
    if (asked === null || asked === "") return client.redirectUrls[0];
    return client.redirectUrls.includes(asked) ? asked : undefined;
  }

  issueCode(clientId: string, appId: string, redirectUri: string, nowMs = Date.now()): string {
    this.dropExpired(nowMs);
    const code = randomBytes(18).toString("hex");
    this.codes.set(code, { clientId, appId, redirectUri, expiresAtMs: nowMs + this.codeLifetimeMs });
    return code;
  }

  /** Single use: a code is gone after its first exchange with the right client secret, expired or not. */
  exchange(input: { code: string; clientId: string; clientSecret: string }, nowMs = Date.now()): CodeExchange {
    const client = this.clients.get(input.clientId);
    if (!client) return { ok: false, reason: "unknown_client" };
    if (!sameSecret(client.clientSecret, input.clientSecret)) return { ok: false, reason: "wrong_secret" };
    const issued = this.codes.get(input.code);
    if (!issued || issued.clientId !== input.clientId) return { ok: false, reason: "unknown_code" };
    this.codes.delete(input.code);
    if (issued.expiresAtMs <= nowMs) return { ok: false, reason: "expired_code" };
    return { ok: true, appId: issued.appId };
  }

  private dropExpired(nowMs: number): void {
    for (const [code, issued] of this.codes) if (issued.expiresAtMs <= nowMs) this.codes.delete(code);
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newClientCredentials(): { clientId: string; clientSecret: string } {
  const hex = randomBytes(16).toString("hex");
  const clientId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { clientId, clientSecret: randomBytes(18).toString("hex") };
}
