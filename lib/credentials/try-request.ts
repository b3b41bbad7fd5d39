import type { Db } from "@/lib/db/client";
import { universalRequest } from "@/lib/connectors/intercom/operations/universal-request";
import { acquireBudget, correctBudget } from "@/lib/rate-limit/credential-budget";
import { credentialRateLimit } from "@/lib/rate-limit/rate-limit-settings";
import { producerRedis, waitUntilReady } from "@/lib/redis/connection";
import { markNeedsReconnect } from "@/lib/delivery/needs-reconnect";
import { badInput, DomainError, parseInput } from "@/lib/errors";
import { getCredential } from "./get-credential";
import { loadCredentialToken } from "./load-credential-token";
import { type TryRequestResult, tryRequestSchema } from "./schemas";
import { asViewer, type ViewerArg } from "./visibility";

// Try a request (Tray's universal operation) from a connection's page: one call to a path of the
// connection's region API, through the same client, outbound guard and rate-limit budget as
// deliveries. Everything refusable is refused before the token is even decrypted.

const SHOWN_BODY_BYTES = 256 * 1024;
const TIMEOUT_MS = 30_000;
// Flowgate owns authentication and framing; the sandbox's admin API is not Intercom.
const REFUSED_HEADERS = new Set([
  "authorization",
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "cookie",
]);

export function checkTryPath(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\"))
    throw badInput("path", "Enter a path below the region's API, starting with / (e.g. /contacts)");
  if (/[\s#]/.test(path) || path.includes("://"))
    throw badInput("path", "The path cannot hold a scheme, spaces or a fragment; the host comes from the region");
  const decoded = safeDecode(path).toLowerCase();
  if (
    decoded
      .split("?")[0]!
      .split("/")
      .some((segment) => segment === ".." || segment === ".")
  )
    throw badInput("path", "The path cannot leave the region's API (no . or .. segments)");
  if (decoded.startsWith("/__sandbox"))
    throw badInput("path", "/__sandbox… is the sandbox's admin API, not Intercom's");
  return path;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw badInput("path", "The path has a broken %-escape");
  }
}

export async function tryRequest(
  db: Db,
  viewer: ViewerArg,
  credentialId: string,
  input: unknown,
): Promise<TryRequestResult> {
  const data = parseInput(tryRequestSchema, input);
  const path = checkTryPath(data.path);
  const headers: Record<string, string> = {};
  for (const row of data.headers.filter((r) => r.key !== "")) {
    if (REFUSED_HEADERS.has(row.key.toLowerCase()))
      throw badInput("headers", `${row.key} can't be set here: Flowgate sends the connection's own token`);
    if (!/^[!#$%&'*+.^_`|~\w-]+$/.test(row.key)) throw badInput("headers", `"${row.key}" is not a header name`);
    headers[row.key] = row.value;
  }
  let body: string | undefined;
  if (data.body !== undefined && data.body.trim() !== "") {
    if (data.method === "GET") throw badInput("body", "A GET request has no body");
    try {
      JSON.parse(data.body);
    } catch {
      throw badInput("body", "The body is not valid JSON");
    }
    body = data.body;
    headers["content-type"] ??= "application/json";
  }
  const query = Object.fromEntries(data.query.filter((r) => r.key !== "").map((r) => [r.key, r.value]));

  const visible = await getCredential(db, viewer, credentialId);
  const credential = await loadCredentialToken(db, asViewer(viewer).organisationId, visible.id);
  const limit = credentialRateLimit(credential);
  const redis = producerRedis();
  await waitUntilReady(redis);
  const grant = await acquireBudget(redis, credential.id, 1, limit).catch(() => {
    throw new DomainError(
      "rate_limit_unavailable",
      "The rate-limit budget can't be read right now (Redis did not answer).",
      {
        status: 503,
      },
    );
  });
  if (grant.granted < 1)
    throw new DomainError(
      "rate_limited",
      `This connection's budget (${limit} calls per 10 s) is used up by its deliveries; try again in ${Math.ceil(grant.waitMs / 1000)} s.`,
      { status: 429 },
    );
  const result = await universalRequest(
    { baseUrl: credential.baseUrl, token: credential.token, timeoutMs: TIMEOUT_MS },
    { method: data.method, path, query, headers, ...(body !== undefined ? { body } : {}) },
  );
  if (result.rateLimit) await correctBudget(redis, credential.id, result.rateLimit, limit).catch(() => undefined);
  if (result.credentialRejected)
    await markNeedsReconnect(db, credential.id, result.errorMessage ?? "Intercom answered 401");
  const rateLimit = Object.fromEntries(
    Object.entries(result.headers).filter(([name]) => name.toLowerCase().startsWith("x-ratelimit-")),
  );
  return {
    method: data.method,
    url: result.request.url,
    status: result.status ?? null,
    outcome: result.outcome,
    errorMessage: result.errorMessage ?? null,
    rateLimit,
    body: result.rawBody.slice(0, SHOWN_BODY_BYTES),
    bodyTruncated: result.rawBody.length > SHOWN_BODY_BYTES,
    latencyMs: Math.round(result.latencyMs),
  };
}
