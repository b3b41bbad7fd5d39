import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { appOrigins } from "@/lib/auth/config";
import { getSessionFromHeaders } from "@/lib/auth/session";
import { errorResponse } from "./json";
import { isAllowedOrigin, isStateChanging } from "./origin-check";
import type { AuthMode } from "./route-spec";

export interface SessionOrg {
  organisationId: string;
  userId: string;
  /** The signed-in session itself (an OAuth state is bound to it). */
  sessionId: string;
  apiKeyId?: undefined;
  via: "session";
}
export interface ApiKeyOrg {
  organisationId: string;
  userId?: undefined;
  apiKeyId: string;
  /** The key's creator, whose personal connections the key may use. */
  keyOwnerId: string;
  via: "api-key";
}
export type OrgContext = SessionOrg | ApiKeyOrg;

export type OrgFor<A extends AuthMode> = A extends "public"
  ? null
  : A extends "session"
    ? SessionOrg
    : A extends "api-key"
      ? ApiKeyOrg
      : OrgContext;

const unauthorized = (message: string) =>
  errorResponse(401, { code: "unauthorized", message }, { headers: { "www-authenticate": 'Bearer realm="flowgate"' } });
const forbiddenOrigin = () =>
  errorResponse(403, {
    code: "forbidden_origin",
    message: "This request came from another site (its Origin is not this app's), so it was refused.",
  });

/** Who is calling, or the 401/403 Response to send instead. */
export async function authenticateRequest(
  req: Request,
  mode: AuthMode,
  originCheck = false,
): Promise<OrgContext | null | Response> {
  const stateChanging = isStateChanging(req.method);
  if (mode === "public") {
    if (originCheck && stateChanging && !isAllowedOrigin(req.headers, appOrigins())) return forbiddenOrigin();
    return null;
  }
  const authorization = req.headers.get("authorization");
  if (mode === "api-key" || (mode === "session-or-api-key" && authorization)) {
    if (!authorization)
      return unauthorized(
        "This endpoint needs an API key: send `Authorization: Bearer <key>` (create one in Settings).",
      );
    const principal = await authenticateApiKey(authorization);
    if (!principal) return unauthorized("The API key is missing, malformed or revoked.");
    return {
      organisationId: principal.organisationId,
      apiKeyId: principal.apiKeyId,
      keyOwnerId: principal.createdById,
      via: "api-key",
    };
  }
  const session = await getSessionFromHeaders(req.headers);
  if (!session) {
    const hint = mode === "session-or-api-key" ? " or send `Authorization: Bearer <key>`" : "";
    return unauthorized(`You are not signed in. Sign in${hint}.`);
  }
  // Only a cookie rides along on cross-site requests, so only cookie-authenticated writes need this.
  if (stateChanging && !isAllowedOrigin(req.headers, appOrigins())) return forbiddenOrigin();
  return {
    organisationId: session.user.organisationId,
    userId: session.user.id,
    sessionId: session.session.id,
    via: "session",
  };
}
