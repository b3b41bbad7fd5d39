import { randomBytes } from "node:crypto";
import { intercomAuthKinds } from "../../lib/connectors/intercom/auth-kinds";
import type { Env } from "../processes";

// The sandbox region's demo OAuth app, so Connect with Intercom works with no setup: registered in
// the sandbox at start (SANDBOX_BOOTSTRAP_OAUTH_APPS) and given to the web app
// (INTERCOM_SANDBOX_OAUTH_CLIENT_ID/_SECRET). The sandbox keeps it in memory, so a new secret each
// start is fine. A sandbox app or client the user configured is left alone.

export function sandboxOAuthDemoEnv(env: Env, appUrl: string): Env {
  const set = (name: string) => Boolean(env[name] ?? process.env[name]);
  if (set("SANDBOX_BOOTSTRAP_OAUTH_APPS") || set("INTERCOM_SANDBOX_OAUTH_CLIENT_ID")) return {};
  const clientId = "flowgate-sandbox-demo";
  const clientSecret = randomBytes(24).toString("hex");
  const permissions = intercomAuthKinds.flatMap((kind) => kind.scopes ?? []).map((scope) => scope.name);
  return {
    SANDBOX_BOOTSTRAP_OAUTH_APPS: JSON.stringify([
      {
        name: "Flowgate (demo)",
        clientId,
        clientSecret,
        permissions,
        redirectUrls: [`${appUrl}/api/oauth/intercom/callback`],
      },
    ]),
    INTERCOM_SANDBOX_OAUTH_CLIENT_ID: clientId,
    INTERCOM_SANDBOX_OAUTH_CLIENT_SECRET: clientSecret,
  };
}
