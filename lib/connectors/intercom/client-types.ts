import type { Writable } from "node:stream";
import type { HttpMethod } from "@/lib/connectors/types";
import type { IntercomOutcome } from "./classify-outcome";
import type { IntercomError } from "./parse-error-body";
import type { RateLimitInfo } from "./rate-limit-headers";

export interface IntercomRequest {
  method: HttpMethod;
  /** The region's API host (regionBaseUrl); the request may only go to this origin. */
  baseUrl?: string;
  /** Path below baseUrl, e.g. "/contacts/abc123". */
  path?: string;
  /** Absolute URL instead of baseUrl + path (must be an Intercom region host or baseUrl's origin). */
  url?: string;
  query?: Record<string, string | number | boolean | undefined>;
  token: string;
  /** Intercom-Version header; the connector's default when absent. */
  version?: string;
  /** Extra headers; Authorization and Host are always Flowgate's own. */
  headers?: Record<string, string>;
  /** A string or bytes are sent verbatim (what the preview showed); anything else as JSON. */
  body?: unknown;
  accept?: string;
  /** Whole-request deadline (connect + headers + body), default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** "buffer" keeps the raw bytes (exports); "auto" decodes text and parses JSON. */
  responseType?: "auto" | "buffer";
  maxResponseBytes?: number;
  /** A successful answer's body is streamed here (a download to a file), not kept in memory. */
  sink?: Writable;
}

/** The request as it went out, with the token masked: safe to store and show. */
export interface SentRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface IntercomResult {
  outcome: IntercomOutcome;
  /** Absent when no HTTP answer came (timeout, reset, refused). */
  status?: number;
  headers: Record<string, string>;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  rawBody: string;
  /** The raw bytes, when responseType is "buffer". */
  bodyBytes?: Buffer;
  latencyMs: number;
  rateLimit?: RateLimitInfo;
  errors?: IntercomError[];
  retryAfterMs?: number;
  existingId?: string;
  errorMessage?: string;
  request: SentRequest;
}
