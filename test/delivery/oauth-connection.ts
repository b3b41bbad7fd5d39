import { randomBytes } from "node:crypto";
import type { IntercomPermission } from "@/lib/connectors/intercom/permissions";
import { sealCredentialToken } from "@/lib/credentials/seal-token";
import type { DeliveryFixture } from "./delivery-fixture";

// A connection made the way Connect with Intercom makes one, against the in-process sandbox: an
// OAuth app with the permissions ticked on it, the consent page's Authorize access, and the code
// traded at POST /auth/eagle/token. The token then carries exactly those permissions.

const REDIRECT = "https://flowgate.test/api/oauth/intercom/callback";

export interface OAuthConnectionOptions {
  permissions: IntercomPermission[];
  oauthKind?: "personal" | "organisational";
  createdById?: string;
}

export async function createOAuthConnection(f: DeliveryFixture, options: OAuthConnectionOptions) {
  const app = f.sandbox.createApp({ name: `OAuth ${randomBytes(3).toString("hex")}` });
  const client = f.sandbox.createOAuthApp({
    name: "Flowgate (delivery test)",
    permissions: options.permissions,
    redirectUrls: [REDIRECT],
  });
  const decision = await fetch(`${f.sandbox.url}/oauth/decision`, {
    method: "POST",
    body: new URLSearchParams({
      client_id: client.clientId,
      state: "s",
      redirect_uri: REDIRECT,
      app_id: app.appId,
      decision: "allow",
    }),
    redirect: "manual",
  });
  const code = new URL(decision.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const exchanged = await fetch(`${f.sandbox.url}/auth/eagle/token`, {
    method: "POST",
    body: new URLSearchParams({ code, client_id: client.clientId, client_secret: client.clientSecret }),
  });
  const { token } = (await exchanged.json()) as { token?: string };
  if (!token) throw new Error(`the sandbox refused the code (${exchanged.status})`);
  const credential = await f.db.credential.create({
    data: {
      ...sealCredentialToken(f.organisationId, token),
      organisationId: f.organisationId,
      name: "Connected with Intercom",
      region: "sandbox",
      authKind: "oauth",
      oauthKind: options.oauthKind ?? "organisational",
      createdById: options.createdById ?? null,
    },
  });
  return { credentialId: credential.id, appId: app.appId, token };
}
