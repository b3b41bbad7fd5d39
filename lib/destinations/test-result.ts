import type { IntercomResult } from "@/lib/connectors/intercom/client-types";
import type { BuiltRequest } from "./build-types";
import type { SendTestResult } from "./send-test-schemas";

export const TEST_TIMEOUT_MS = 20_000;

const RATE_LIMIT_HEADER = /^x-ratelimit-(limit|remaining|reset)$/i;

export function toTestResult(
  result: IntercomResult,
  request: BuiltRequest,
  callId: bigint | undefined,
): SendTestResult {
  const rateLimitHeaders = Object.fromEntries(
    Object.entries(result.headers).filter(([name]) => RATE_LIMIT_HEADER.test(name)),
  );
  return {
    outcome: result.outcome,
    status: result.status ?? null,
    latencyMs: result.latencyMs,
    rateLimitHeaders,
    rateLimit: result.rateLimit
      ? { ...result.rateLimit, resetAt: new Date(result.rateLimit.resetAt).toISOString() }
      : null,
    headers: result.headers,
    body: result.body,
    errorMessage: result.errorMessage ?? null,
    request: {
      method: result.request.method,
      url: result.request.url,
      headers: result.request.headers,
      body: result.request.body ?? null,
    },
    recordCount: request.recordIndexes.length,
    warnings: request.warnings,
    callId: callId === undefined ? null : callId.toString(),
  };
}
