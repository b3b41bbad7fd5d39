import { request } from "undici";
import { maskSecret } from "@/lib/crypto/mask-secret";
import { resolveRequestUrl } from "./build-request-url";
import { type Classification, classifyResponse, classifyTransportError } from "./classify-outcome";
import type { IntercomRequest, IntercomResult, SentRequest } from "./client-types";
import { intercomDispatcher } from "./http-agent";
import { isOutboundRefusal, outboundRefusalMessage } from "./outbound-guard";
import { parseRateLimitHeaders } from "./rate-limit-headers";
import { decodeBody, DEFAULT_MAX_RESPONSE_BYTES, readResponseBody } from "./read-response-body";
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
    ...(body !== undefined ? { body: typeof body === "string" ? body : `<${body.length} bytes>` } : {}),
  };
  if (!resolved.ok) {
    return emptyResult(sent, started, { outcome: "permanent", errorMessage: resolved.message });
  }

  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new CallDeadline(timeoutMs, input.signal);
  headers.authorization = `Bearer ${input.token}`;
  try {
    const response = await request(resolved.url, {
      dispatcher: intercomDispatcher(),
      method: input.method,
      headers,
      body,
      signal: deadline.signal,
      headersTimeout: Math.min(timeoutMs, 30_000),
      bodyTimeout: Math.min(timeoutMs, 60_000),
    });
    const responseHeaders = flattenHeaders(response.headers);
    const read = await readResponseBody(response.body, input.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    const buffer = input.responseType === "buffer";
    const rawBody = buffer ? "" : read.bytes.toString("utf8");
    const contentType = responseHeaders["content-type"];
    const status = response.statusCode;
    const now = Date.now();
    // A successful answer's body is parsed only when someone reads it: at thousands of calls a
    // second, most answers are only stored (as text) and never looked into.
    let decoded: { value: unknown } | undefined = status >= 200 && status < 300 ? undefined : { value: buffer ? null : decodeBody(rawBody, contentType) };
    const classification = classifyResponse({ status, headers: responseHeaders, body: decoded?.value ?? null, rawBody, now });
    const rateLimit = parseRateLimitHeaders(responseHeaders, now);
    return {
      ...classification,
      ...(read.truncated ? { errorMessage: joinMessages(classification.errorMessage, "response body truncated") } : {}),
      status,
      headers: responseHeaders,
      get body(): unknown {
        decoded ??= { value: buffer ? null : decodeBody(rawBody, contentType) };
        return decoded.value;
      },
      rawBody,
      ...(buffer ? { bodyBytes: read.bytes } : {}),
      latencyMs: elapsed(started),
      ...(rateLimit ? { rateLimit } : {}),
      request: sent,
    };
  } catch (error) {
    // Security: a call the outbound guard refused is a configuration problem, never retried.
    if (isOutboundRefusal(error)) return emptyResult(sent, started, { outcome: "permanent", errorMessage: outboundRefusalMessage(error) });
    const classification = classifyTransportError({
      error,
      timedOut: deadline.timedOut,
      aborted: !deadline.timedOut && Boolean(input.signal?.aborted),
    });
    return emptyResult(sent, started, classification);
  } finally {
    deadline.dispose();
  }
}

/**
 * One abort signal for the call's whole deadline and the caller's signal: a timer and a listener,
 * cleared when the call ends (AbortSignal.timeout + AbortSignal.any cost several times more per call).
 */
class CallDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  timedOut = false;

  constructor(
    timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException("The operation timed out", "TimeoutError"));
    }, timeoutMs);
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener("abort", this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private readonly onOuterAbort = () => this.controller.abort(this.outer?.reason);

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener("abort", this.onOuterAbort);
  }
}

function buildHeadersAndBody(input: IntercomRequest): { headers: Record<string, string>; body?: string | Buffer } {
  const headers: Record<string, string> = {
    accept: input.accept ?? "application/json",
    "intercom-version": input.version ?? DEFAULT_API_VERSION,
    "user-agent": USER_AGENT,
  };
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const key = name.trim().toLowerCase();
    if (key && !RESERVED_HEADERS.has(key)) headers[key] = value;
  }
  if (input.body === undefined || input.body === null || input.method === "GET") return { headers };
  headers["content-type"] ??= "application/json";
  if (typeof input.body === "string") return { headers, body: input.body };
  if (input.body instanceof Uint8Array) return { headers, body: Buffer.from(input.body) };
  return { headers, body: JSON.stringify(input.body) };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const key in raw) {
    const value = raw[key];
    if (value !== undefined) headers[key.toLowerCase()] = typeof value === "string" ? value : value.join(", ");
  }
  return headers;
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
