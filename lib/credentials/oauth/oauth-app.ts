import { appUrl } from "@/lib/auth/config";
import type { Db } from "@/lib/db/client";
import { decryptSecret, oauthClientSecretContext } from "@/lib/crypto/secrets";
import { DomainError } from "@/lib/errors";

// The install's Intercom OAuth app (client id and secret). Where it comes from, first match wins:
//   1. for the sandbox region, INTERCOM_SANDBOX_OAUTH_CLIENT_ID/_SECRET (`npm start` sets the demo app's);
//   2. the organisation's own, saved in Settings by an admin (the secret encrypted like tokens);
//   3. INTERCOM_OAUTH_CLIENT_ID / INTERCOM_OAUTH_CLIENT_SECRET.

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  source: "sandbox_demo" | "settings" | "environment";
}

/** The callback to register with Intercom as the app's redirect URL. */
export function oauthRedirectUrl(): string {
  return `${appUrl()}/api/oauth/intercom/callback`;
}

function fromEnv(idName: string, secretName: string): { clientId: string; clientSecret: string } | undefined {
  const clientId = process.env[idName]?.trim();
  const clientSecret = process.env[secretName]?.trim();
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}

export function oauthNotConfigured(): DomainError {
  return new DomainError(
    "oauth_not_configured",
    "Connect with Intercom needs an Intercom OAuth app: set INTERCOM_OAUTH_CLIENT_ID and INTERCOM_OAUTH_CLIENT_SECRET, " +
      "or have an organisation admin enter its client id and secret in Settings.",
    { status: 409 },
  );
}

/** The OAuth app to use for this organisation and region, or undefined when none is configured. */
export async function findOAuthApp(db: Db, organisationId: string, region: string): Promise<OAuthApp | undefined> {
  const demo =
    region === "sandbox" && fromEnv("INTERCOM_SANDBOX_OAUTH_CLIENT_ID", "INTERCOM_SANDBOX_OAUTH_CLIENT_SECRET");
  if (demo) return { ...demo, source: "sandbox_demo" };
  const saved = await db.oAuthAppSetting.findUnique({ where: { organisationId } });
  if (saved)
    return {
      clientId: saved.clientId,
      clientSecret: decryptSecret(saved.clientSecretCipher, oauthClientSecretContext(organisationId)),
      source: "settings",
    };
  const env = fromEnv("INTERCOM_OAUTH_CLIENT_ID", "INTERCOM_OAUTH_CLIENT_SECRET");
  return env ? { ...env, source: "environment" } : undefined;
}

export async function requireOAuthApp(db: Db, organisationId: string, region: string): Promise<OAuthApp> {
  const app = await findOAuthApp(db, organisationId, region);
  if (!app) throw oauthNotConfigured();
  return app;
}
