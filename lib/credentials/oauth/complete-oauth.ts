import type { Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import { createCredential } from "../create-credential";
import { replaceCredentialToken } from "../replace-token";
import { oauthCallbackQuerySchema } from "../schemas";
import { exchangeCode } from "./exchange-code";
import { requireOAuthApp } from "./oauth-app";
import { hashState, type OAuthStarter } from "./start-oauth";

// Connect with Intercom, second half (the redirect URL): check the state is this session's and
// unused, trade the code for a token, prove it with GET /me, and store it encrypted as an OAuth
// connection (or as the new token of the connection being reconnected). Any failure stores nothing
// and sends the user back with the reason.

export interface OAuthOutcome {
  /** The app path the flow started from. */
  returnTo: string;
  credentialId?: string;
  error?: string;
}

const FALLBACK = "/credentials";

export async function completeOAuth(db: Db, who: OAuthStarter, rawQuery: unknown): Promise<OAuthOutcome> {
  const parsed = oauthCallbackQuerySchema.safeParse(rawQuery);
  const query = parsed.success ? parsed.data : {};
  if (!query.state)
    return { returnTo: FALLBACK, error: "Intercom came back without a state, so the connection was not saved." };
  const flow = await db.oAuthState.findUnique({ where: { stateHash: hashState(query.state) } });
  if (!flow || flow.organisationId !== who.organisationId)
    return { returnTo: FALLBACK, error: "This Connect with Intercom was already finished or is unknown; start again." };
  if (flow.userId !== who.userId || (flow.sessionId !== who.sessionId && (await sessionActive(db, flow.sessionId))))
    return {
      returnTo: FALLBACK,
      error: "This Connect with Intercom was started in another sign-in; start again here.",
    };
  const consumed = await db.oAuthState.deleteMany({ where: { id: flow.id } });
  const back = flow.returnTo;
  if (consumed.count !== 1)
    return { returnTo: back, error: "This Connect with Intercom was already finished; start again if needed." };
  if (flow.expiresAt.getTime() <= Date.now())
    return { returnTo: back, error: "Connect with Intercom took too long and expired; start again." };
  if (query.error)
    return {
      returnTo: back,
      error:
        query.error === "access_denied"
          ? "Access was not authorized in Intercom, so no connection was saved."
          : `Intercom did not authorize access (${query.error}); no connection was saved.`,
    };
  if (!query.code) return { returnTo: back, error: "Intercom came back without a code; no connection was saved." };

  try {
    const app = await requireOAuthApp(db, who.organisationId, flow.region);
    const token = await exchangeCode(flow.region, app, query.code);
    const viewer = { organisationId: who.organisationId, userId: who.userId };
    const credential = flow.credentialId
      ? await replaceCredentialToken(db, viewer, flow.credentialId, { token, viaOAuth: true })
      : await createCredential(
          db,
          who.organisationId,
          { name: flow.name, region: flow.region, authKind: "oauth", oauthKind: flow.oauthKind, token },
          { createdById: who.userId },
        );
    return { returnTo: back, credentialId: credential.id };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { returnTo: back, error: error.message };
  }
}

/** Where the callback sends the browser: the starting page, told what happened. */
export function outcomeLocation(outcome: OAuthOutcome): string {
  const url = new URL(outcome.returnTo, "http://flowgate.invalid");
  url.searchParams.delete("connected");
  url.searchParams.delete("oauthError");
  if (outcome.credentialId) url.searchParams.set("connected", outcome.credentialId);
  if (outcome.error) url.searchParams.set("oauthError", outcome.error);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The state is bound to the sign-in that started the flow. When that session has ended (which is why
 * the browser came back without one) the same user signing in again may finish it; while it is still
 * active, only it may.
 */
async function sessionActive(db: Db, sessionId: string): Promise<boolean> {
  return (await db.session.count({ where: { id: sessionId, expiresAt: { gt: new Date() } } })) > 0;
}
