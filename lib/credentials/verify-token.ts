import { regionBaseUrl } from "@/lib/connectors/intercom/regions";
import { getMe, type MeInfo } from "@/lib/connectors/intercom/operations/get-me";
import { IntercomCallError } from "@/lib/connectors/intercom/operations/context";
import { DomainError } from "@/lib/errors";

export interface VerifiedToken extends MeInfo {
  baseUrl: string;
  latencyMs: number;
}

/** GET /me on the region's host, once (a person is waiting). Any failure becomes a DomainError saying why. */
export async function verifyToken(input: {
  region: string;
  token: string;
  timeoutMs?: number;
}): Promise<VerifiedToken> {
  const baseUrl = regionBaseUrl(input.region);
  try {
    const { me, result } = await getMe({
      baseUrl,
      token: input.token,
      maxAttempts: 1,
      timeoutMs: input.timeoutMs ?? 10_000,
    });
    return { ...me, baseUrl, latencyMs: result.latencyMs };
  } catch (error) {
    if (error instanceof IntercomCallError) throw explainFailure(error, baseUrl);
    throw error;
  }
}

function explainFailure(error: IntercomCallError, baseUrl: string): DomainError {
  const { result } = error;
  const host = new URL(baseUrl).host;
  if (result.status === 401 || result.status === 403) {
    return new DomainError(
      "credential_rejected",
      `Intercom at ${host} refused this token (${result.errorMessage}). Check the token, and that the region matches the workspace.`,
      { status: 422, field: "token" },
    );
  }
  if (result.outcome === "rate_limited") {
    const seconds = Math.ceil((result.retryAfterMs ?? 10_000) / 1000);
    return new DomainError("intercom_rate_limited", `Intercom is rate limiting this app; try again in ${seconds} s.`, {
      status: 503,
    });
  }
  if (result.status === undefined) {
    return new DomainError("intercom_unreachable", `Could not reach Intercom at ${host}: ${result.errorMessage}`, {
      status: 502,
      field: "region",
    });
  }
  return new DomainError("credential_check_failed", `GET /me on ${host} failed: ${result.errorMessage}`, {
    status: 502,
  });
}
