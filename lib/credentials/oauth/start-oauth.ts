import { createHash, randomBytes } from "node:crypto";
import { safeNextPath } from "@/lib/auth/next-path";
import { findRegion } from "@/lib/connectors/intercom/regions";
import type { Db } from "@/lib/db/client";
import { badInput, parseInput } from "@/lib/errors";
import { getVisibleCredential } from "../get-credential";
import { startOAuthSchema } from "../schemas";
import { oauthRedirectUrl, requireOAuthApp } from "./oauth-app";

// Connect with Intercom, first half: remember what the user asked for under a random `state`,
// bound to their signed-in session, then send them to the region's consent page.

/** Long enough to read the consent page and sign in to Intercom; the code itself lives 5 minutes. */
export const OAUTH_STATE_LIFETIME_MS = 15 * 60 * 1000;

export interface OAuthStarter {
  organisationId: string;
  userId: string;
  sessionId: string;
}

export const hashState = (state: string): string => createHash("sha256").update(state).digest("hex");

export async function startOAuth(db: Db, who: OAuthStarter, input: unknown): Promise<{ authorizeUrl: string }> {
  const data = parseInput(startOAuthSchema, input);
  return begin(db, who, { ...data, returnTo: safeNextPath(data.returnTo, "/credentials") });
}

/** Reconnect: the same flow for an existing connection; its token is replaced, its destinations stay. */
export async function startReconnect(
  db: Db,
  who: OAuthStarter,
  credentialId: string,
  returnTo: string | undefined,
): Promise<{ authorizeUrl: string }> {
  const credential = await getVisibleCredential(db, who, credentialId);
  return begin(db, who, {
    name: credential.name,
    region: credential.region,
    oauthKind: credential.oauthKind === "personal" ? "personal" : "organisational",
    returnTo: safeNextPath(returnTo, "/credentials"),
    credentialId: credential.id,
  });
}

async function begin(
  db: Db,
  who: OAuthStarter,
  flow: { name: string; region: string; oauthKind: string; returnTo: string; credentialId?: string },
): Promise<{ authorizeUrl: string }> {
  const consentPage = findRegion(flow.region)?.authorizeUrl?.();
  if (!consentPage) throw badInput("region", `The ${flow.region} region has no Intercom consent page.`);
  const app = await requireOAuthApp(db, who.organisationId, flow.region);
  const state = randomBytes(24).toString("base64url");
  await db.oAuthState.deleteMany({ where: { userId: who.userId, expiresAt: { lt: new Date() } } });
  await db.oAuthState.create({
    data: {
      stateHash: hashState(state),
      organisationId: who.organisationId,
      userId: who.userId,
      sessionId: who.sessionId,
      region: flow.region,
      name: flow.name,
      oauthKind: flow.oauthKind,
      credentialId: flow.credentialId ?? null,
      returnTo: flow.returnTo,
      expiresAt: new Date(Date.now() + OAUTH_STATE_LIFETIME_MS),
    },
  });
  const url = new URL(consentPage);
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("state", state);
  url.searchParams.set("redirect_uri", oauthRedirectUrl());
  return { authorizeUrl: url.toString() };
}
