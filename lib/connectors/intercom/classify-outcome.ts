import { describeErrors, type IntercomError, parseExistingId, parseIntercomErrors } from "./parse-error-body";
import { missingPermissionMessage } from "./permissions";
import { headerValue, parseRateLimitHeaders, parseRetryAfter } from "./rate-limit-headers";

// THE one place that decides what an Intercom answer means (HOUSE-STYLE 11):
//   2xx → success · 429 → wait for the rate-limit reset · 5xx, 408, timeouts, resets → retry
//   409 → conflict (with the existing id) · any other status → permanent (keep as an error record).
//   A 401 is permanent too, flagged credentialRejected: the token was revoked (OAuth tokens never
//   expire), so the connection needs reconnecting and delivery pauses instead of keeping errors.
//   A 403 is permanent and names the permission the operation needs: Intercom grants permissions per
//   OAuth app, so a token without one is refused whatever the request (except a plan restriction).

export type IntercomOutcome = "success" | "retry" | "rate_limited" | "permanent" | "conflict";

export interface Classification {
  outcome: IntercomOutcome;
  errors?: IntercomError[];
  retryAfterMs?: number;
  existingId?: string;
  errorMessage?: string;
  /** 401: Intercom no longer accepts the token (revoked, or the app was uninstalled). */
  credentialRejected?: true;
}

/** When a 429 carries no usable reset time, wait one of Intercom's 10-second windows. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 10_000;
const MAX_WAIT_MS = 5 * 60_000;

export interface ResponseFacts {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string;
  now?: number;
  /** The catalogue operation called, when known: a 403 then names the permission it needs. */
  operation?: { id: string; name: string };
}

export function classifyResponse({
  status,
  headers,
  body,
  rawBody,
  now = Date.now(),
  operation,
}: ResponseFacts): Classification {
  if (status >= 200 && status < 300) return { outcome: "success" };
  const errors = parseIntercomErrors(body);
  const message = describeErrors(status, errors);

  if (status === 429) {
    const resetAt = parseRateLimitHeaders(headers, now)?.resetAt;
    const untilReset = resetAt !== undefined ? resetAt - now : parseRetryAfter(headers, now);
    const retryAfterMs = clampWait(untilReset ?? DEFAULT_RATE_LIMIT_WAIT_MS);
    return { outcome: "rate_limited", errors, retryAfterMs, errorMessage: message };
  }
  if (status >= 500 || status === 408) {
    const retryAfter = parseRetryAfter(headers, now);
    return {
      outcome: "retry",
      errors,
      errorMessage: message,
      ...(retryAfter !== undefined ? { retryAfterMs: clampWait(retryAfter) } : {}),
    };
  }
  if (status === 409) {
    const existingId = parseExistingId(errors, rawBody);
    return { outcome: "conflict", errors, errorMessage: message, ...(existingId ? { existingId } : {}) };
  }
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, "location");
    return {
      outcome: "permanent",
      errorMessage: `Intercom answered ${status} (redirect${location ? ` to ${location}` : ""}); Flowgate does not follow redirects`,
    };
  }
  if (status === 401) return { outcome: "permanent", errors, errorMessage: message, credentialRejected: true };
  if (status === 403)
    return { outcome: "permanent", errors, errorMessage: forbiddenMessage(message, errors, operation) };
  return { outcome: "permanent", errors, errorMessage: message };
}

// Network-level failures that a later attempt may not meet.
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "FLOWGATE_CALL_TIMEOUT",
]);

const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "FLOWGATE_CALL_TIMEOUT",
]);

export interface TransportFacts {
  error: unknown;
  /** The caller cancelled (e.g. the destination was paused). */
  aborted?: boolean;
}

/** No HTTP answer at all: nothing is known to have reached Intercom, so a later attempt is safe to make. */
export function classifyTransportError({ error, aborted }: TransportFacts): Classification {
  const code = errorCode(error);
  if (aborted) return { outcome: "retry", errorMessage: "Request cancelled before Intercom answered" };
  if (code && TIMEOUT_CODES.has(code)) {
    return { outcome: "retry", errorMessage: `Timed out waiting for Intercom${code ? ` (${code})` : ""}` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (code && RETRYABLE_CODES.has(code))
    return { outcome: "retry", errorMessage: `Connection problem (${code}): ${detail}` };
  if (/socket hang up|other side closed/i.test(detail))
    return { outcome: "retry", errorMessage: `Connection reset: ${detail}` };
  // Unknown transport failures are retried (bounded by the caller's attempts) rather than dropped.
  return { outcome: "retry", errorMessage: `Request failed: ${detail}` };
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== "object") return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function clampWait(ms: number): number {
  return Math.min(MAX_WAIT_MS, Math.max(0, Math.round(ms)));
}

// Intercom's OpenAPI files show a 403 `api_plan_restricted` ("Active subscription needed") besides the
// permission refusals; that one is about the workspace's plan, so it keeps Intercom's own words.
function forbiddenMessage(
  message: string,
  errors: IntercomError[] | undefined,
  operation: ResponseFacts["operation"],
): string {
  if (!operation || errors?.some((error) => error.code === "api_plan_restricted")) return message;
  // Intercom's OpenAPI shows the scope in the message: "You do not have the required scope (read_conversations) …".
  const scopeId = errors?.map((error) => /required scope \((\w+)\)/.exec(error.message)?.[1]).find(Boolean);
  const missing = missingPermissionMessage(operation.id, operation.name, scopeId);
  return missing ? `${missing} (${message})` : message;
}
