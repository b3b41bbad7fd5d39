import { DEFAULT_MAX_RESPONSE_BYTES, dispatchCall } from "@/lib/connectors/intercom/dispatch-call";
import { intercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { regionBaseUrl } from "@/lib/connectors/intercom/regions";
import { DomainError } from "@/lib/errors";
import type { OAuthApp } from "./oauth-app";

const TIMEOUT_MS = 15_000;

/**
 * POST /auth/eagle/token on the region's API host with code, client_id and client_secret, through
 * the same guarded connection pool as every Intercom call. Intercom answers {token, token_type}
 * (some clients read access_token; the sandbox sends both). The secret never leaves this function.
 */
export async function exchangeCode(region: string, app: OAuthApp, code: string): Promise<string> {
  const baseUrl = new URL(regionBaseUrl(region));
  const host = baseUrl.host;
  const started = performance.now();
  let answer;
  try {
    answer = await dispatchCall(intercomDispatcher(), {
      origin: baseUrl.origin,
      path: `${baseUrl.pathname.replace(/\/$/, "")}/auth/eagle/token`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ code, client_id: app.clientId, client_secret: app.clientSecret }).toString(),
      timeoutMs: TIMEOUT_MS,
      deadline: started + TIMEOUT_MS,
      maxBytes: Math.min(DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : "no answer";
    throw new DomainError(
      "intercom_unreachable",
      `Could not reach Intercom at ${host} to finish connecting: ${reason}`,
      {
        status: 502,
      },
    );
  }
  const body = parseJsonObject(answer.bytes.toString("utf8"));
  const token = typeof body.token === "string" ? body.token : body.access_token;
  if (answer.status === 200 && typeof token === "string" && token !== "") return token;
  const message = firstErrorMessage(body) ?? `HTTP ${answer.status}`;
  throw new DomainError(
    "oauth_exchange_failed",
    `Intercom at ${host} refused to finish connecting (${message}). ` +
      (answer.status === 401
        ? "The authorization may have expired or been used already, or the OAuth app's client secret is wrong; try Connect with Intercom again."
        : "Try Connect with Intercom again."),
    { status: 502 },
  );
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function firstErrorMessage(body: Record<string, unknown>): string | undefined {
  const errors = body.errors;
  if (!Array.isArray(errors)) return undefined;
  const first: unknown = errors[0];
  if (first && typeof first === "object" && "message" in first && typeof first.message === "string")
    return first.message.slice(0, 200);
  return undefined;
}
