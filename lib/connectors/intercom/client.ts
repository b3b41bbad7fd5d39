import type { EndpointDefinition } from "@/lib/connectors/types";
import { maskSecret } from "@/lib/crypto/mask-secret";
import { resolveRequestUrl } from "./build-request-url";
import { type Classification, classifyResponse, classifyTransportError } from "./classify-outcome";
import type { IntercomRequest, IntercomResult, SentRequest } from "./client-types";
import { findEndpoint } from "./definition";
import { intercomDispatcher } from "./http-agent";
import { isOutboundRefusal, outboundRefusalMessage } from "./outbound-guard";
import { parseRateLimitHeaders } from "./rate-limit-headers";
import { decodeBody } from "./decode-body";
import { DEFAULT_MAX_RESPONSE_BYTES, dispatchCall } from "./dispatch-call";
import { DEFAULT_API_VERSION } from "./versions";

export type { IntercomRequest, IntercomResult, SentRequest } from "./client-types";

export const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = "Flowgate (+https://github.com/flowgate)";
// Headers a destination may not set: Flowgate owns authentication and framing.
const RESERVED_HEADERS = new Set(["authorization", "host", "content-length", "transfer-encoding", "connection"]);

/**
 * THE Intercom HTTP call, shared by test sends, the worker and sources. Never throws for an
 * HTTP or network problem: every outcome comes back classified (see classify-outcome.ts).
 */
export async function sendIntercomRequest(input: IntercomRequest): Promise<IntercomResult> {
  const started = performance.now();
  const resolved = resolveRequestUrl(input);
  const { headers, body } = buildHeadersAndBody(input);
  const sent: SentRequest = {
    method: input.method,
    url: resolved.ok ? resolved.url : (input.url ?? `${input.baseUrl ?? ""}${input.path ?? ""}`),
    headers: { ...headers, authorization: `Bearer ${maskSecret(input.token)}` },
  };
  if (body !== undefined) sent.body = typeof body === "string" ? body : `<${body.length} bytes>`;
  if (!resolved.ok) {
    return emptyResult(sent, started, { outcome: "permanent", errorMessage: resolved.message });
  }

  // The deadline costs no timer or AbortController of our own: undici's headers and body timeouts bound
  // the waits, and dispatchCall drops a body still arriving once the whole call is over time.
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  headers.authorization = `Bearer ${input.token}`;
  try {
    const read = await dispatchCall(intercomDispatcher(), {
      origin: resolved.origin,
      path: resolved.path,
      method: input.method,
      headers,
      body,
      timeoutMs,
      deadline: started + timeoutMs,
      maxBytes: input.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      sink: input.sink,
      signal: input.signal,
    });
    const responseHeaders = read.headers;
    const buffer = input.responseType === "buffer";
    const rawBody = buffer ? "" : read.bytes.toString("utf8");
    const contentType = responseHeaders["content-type"];
    const status = read.status;
    const now = Date.now();
    // A successful answer's body is parsed only when someone reads it (LAZY_BODY): at thousands of
    // calls a second, most answers are only stored (as text) and never looked into.
    const lazy = !buffer && status >= 200 && status < 300;
    const decoded = buffer ? null : lazy ? undefined : decodeBody(rawBody, contentType);
    const classification = classifyResponse({
      status,
      headers: responseHeaders,
      body: decoded ?? null,
      rawBody,
      now,
      // Matched only for a 403, so the common answers pay nothing for it.
      ...(status === 403 ? operationFor(input.method, resolved.path, input.version) : {}),
    });
    const rateLimit = parseRateLimitHeaders(responseHeaders, now);
    // Built as one literal and then given its body and the optional facts (spread into one literal,
    // they made V8 build the object the slow way); the literal has every field but `body`, set next.
    const result = {
      outcome: classification.outcome,
      status,
      headers: responseHeaders,
      rawBody,
      latencyMs: elapsed(started),
      request: sent,
    } as IntercomResult;
    if (lazy) Object.defineProperty(result, "body", LAZY_BODY);
    else result.body = decoded;
    Object.assign(result, classification);
    if (read.truncated) result.errorMessage = joinMessages(classification.errorMessage, "response body truncated");
    if (buffer) result.bodyBytes = read.bytes;
    if (rateLimit) result.rateLimit = rateLimit;
    return result;
  } catch (error) {
    // Security: a call the outbound guard refused is a configuration problem, never retried.
    if (isOutboundRefusal(error))
      return emptyResult(sent, started, { outcome: "permanent", errorMessage: outboundRefusalMessage(error) });
    const classification = classifyTransportError({ error, aborted: Boolean(input.signal?.aborted) });
    return emptyResult(sent, started, classification);
  }
}

/**
 * A successful answer's `body`: parsed from its rawBody on first read, and kept. One accessor shared
 * by every result, where a getter in each result's literal was a closure per result, and V8 keeps an
 * object's own accessor in the old generation: it held every call's strings through the young
 * generation's collections until the next full one (bench/delivery.ts overhead).
 */
const parsedBodies = new WeakMap<IntercomResult, { value: unknown }>();
const LAZY_BODY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: IntercomResult): unknown {
    let parsed = parsedBodies.get(this);
    if (!parsed) {
      parsed = { value: decodeBody(this.rawBody, this.headers["content-type"]) };
      parsedBodies.set(this, parsed);
    }
    return parsed.value;
  },
};

function buildHeadersAndBody(input: IntercomRequest): { headers: Record<string, string>; body?: string | Buffer } {
  const headers: Record<string, string> = {
    accept: input.accept ?? "application/json",
    "intercom-version": input.version ?? DEFAULT_API_VERSION,
    "user-agent": USER_AGENT,
  };
  const extra = input.headers ?? {};
  for (const name in extra) {
    const key = name.trim().toLowerCase();
    if (key && !RESERVED_HEADERS.has(key)) headers[key] = extra[name]!;
  }
  if (input.body === undefined || input.body === null || input.method === "GET") return { headers };
  headers["content-type"] ??= "application/json";
  if (typeof input.body === "string") return { headers, body: input.body };
  if (input.body instanceof Uint8Array) return { headers, body: Buffer.from(input.body) };
  return { headers, body: JSON.stringify(input.body) };
}

function emptyResult(sent: SentRequest, started: number, classification: Classification): IntercomResult {
  return { ...classification, headers: {}, body: null, rawBody: "", latencyMs: elapsed(started), request: sent };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function joinMessages(first: string | undefined, second: string): string {
  return first ? `${first}; ${second}` : second;
}

function operationFor(method: string, path: string, version: string | undefined): { operation?: EndpointDefinition } {
  const endpoint = findEndpoint(method, path, version ?? DEFAULT_API_VERSION);
  return endpoint ? { operation: endpoint } : {};
}
