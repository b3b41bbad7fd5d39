import type { HttpMethod } from "@/lib/connectors/types";
import { sendIntercomRequest } from "../client";
import type { IntercomResult } from "../client-types";
import type { IntercomContext } from "./context";

export interface UniversalRequestInput {
  method: HttpMethod;
  /** Any path on the credential's host, e.g. "/admins" or "/contacts/abc?include=x". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Tray's raw HTTP operation: one call to any Intercom path, answered as-is (no retries, no throw).
 * The token can still only go to the credential's host.
 */
export async function universalRequest(ctx: IntercomContext, input: UniversalRequestInput): Promise<IntercomResult> {
  const result = await sendIntercomRequest({
    method: input.method,
    baseUrl: ctx.baseUrl,
    path: input.path,
    query: input.query,
    headers: input.headers,
    body: input.body,
    token: ctx.token,
    version: ctx.version,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
  });
  ctx.onCall?.(result);
  return result;
}
