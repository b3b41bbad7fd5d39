import type { ServerResponse } from "node:http";
import { buildErrorList } from "../http/errors";
import { parseJson } from "../http/read-body";
import { writeJson } from "../http/respond";
import type { InboundRequest } from "../intercom/handle-request";
import type { AppRegistry } from "../state/app-registry";
import type { OAuthRegistry } from "../state/oauth-registry";
import { renderAuthorizePage, renderOAuthError } from "./authorize-page";

// The OAuth doors, which take no Bearer token: the authorize page (app.intercom.com/oauth), the
// customer's decision, and the code exchange (POST /auth/eagle/token on the API host). The sandbox
// serves both hosts from one origin.

export const OAUTH_PATHS = new Set(["/oauth", "/oauth/decision", "/auth/eagle/token"]);

export function handleOAuthRequest(apps: AppRegistry, oauth: OAuthRegistry, inbound: InboundRequest): void {
  const { method, path, res } = inbound;
  if (path === "/oauth" && method === "GET") return showAuthorizePage(apps, oauth, inbound);
  if (path === "/oauth/decision" && method === "POST") return decide(apps, oauth, inbound);
  if (path === "/auth/eagle/token" && method === "POST") return exchangeCode(apps, oauth, inbound);
  writeJson(res, 404, buildErrorList(inbound.requestId, [{ code: "not_found", message: "Resource Not Found" }]));
}

function showAuthorizePage(apps: AppRegistry, oauth: OAuthRegistry, inbound: InboundRequest): void {
  const client = oauth.client(inbound.query.get("client_id") ?? "");
  if (!client) return writeHtml(inbound.res, 400, renderOAuthError("No app with this client_id is registered."));
  const redirectUri = oauth.redirectFor(client, inbound.query.get("redirect_uri"));
  if (!redirectUri)
    return writeHtml(inbound.res, 400, renderOAuthError("redirect_uri is not one of the app's redirect URLs."));
  const workspaces = apps.list().map((app) => ({ id: app.id, name: app.name }));
  if (workspaces.length === 0)
    return writeHtml(inbound.res, 409, renderOAuthError("The sandbox has no workspace to install the app into."));
  const state = inbound.query.get("state") ?? "";
  writeHtml(inbound.res, 200, renderAuthorizePage({ client, state, redirectUri, workspaces }));
}

function decide(apps: AppRegistry, oauth: OAuthRegistry, inbound: InboundRequest): void {
  const form = readFields(inbound);
  const client = oauth.client(form.get("client_id") ?? "");
  const redirectUri = client ? oauth.redirectFor(client, form.get("redirect_uri")) : undefined;
  if (!client || !redirectUri)
    return writeHtml(inbound.res, 400, renderOAuthError("Unknown app or redirect URL; start again from the app."));
  const back = new URL(redirectUri);
  const state = form.get("state");
  if (form.get("decision") !== "allow") {
    // Intercom's docs don't describe a refusal; this is OAuth 2.0's (RFC 6749 §4.1.2.1).
    back.searchParams.set("error", "access_denied");
  } else {
    const app = apps.byId(form.get("app_id") ?? "");
    if (!app) return writeHtml(inbound.res, 400, renderOAuthError("Choose a workspace."));
    back.searchParams.set("code", oauth.issueCode(client.clientId, app.id, redirectUri));
  }
  if (state) back.searchParams.set("state", state);
  inbound.res.writeHead(302, { Location: back.toString(), "Content-Length": 0 });
  inbound.res.end();
}

function exchangeCode(apps: AppRegistry, oauth: OAuthRegistry, inbound: InboundRequest): void {
  const fields = readFields(inbound);
  const refuse = (status: number, code: string, message: string) =>
    writeJson(inbound.res, status, buildErrorList(inbound.requestId, [{ code, message }]));
  const code = fields.get("code");
  const clientId = fields.get("client_id");
  const clientSecret = fields.get("client_secret");
  if (!code || !clientId || !clientSecret)
    return refuse(400, "parameter_not_found", "code, client_id and client_secret are required");
  const exchanged = oauth.exchange({ code, clientId, clientSecret });
  if (!exchanged.ok) {
    const message =
      exchanged.reason === "unknown_client" || exchanged.reason === "wrong_secret"
        ? "Unauthorized Client"
        : "Unauthorized Code";
    return refuse(401, "unauthorized", message);
  }
  const app = apps.byId(exchanged.appId);
  if (!app) return refuse(401, "unauthorized", "Unauthorized Code");
  // The token carries the permissions ticked on the OAuth app, and no others.
  const token = apps.grantToken(app, oauth.client(clientId)?.permissions ?? []);
  writeJson(inbound.res, 200, { token, access_token: token, token_type: "Bearer" });
}

/** Form fields from a urlencoded or JSON body (clients send either to /auth/eagle/token). */
function readFields(inbound: InboundRequest): URLSearchParams {
  if (inbound.body.kind !== "ok") return new URLSearchParams();
  const type = String(inbound.req.headers["content-type"] ?? "");
  if (!type.includes("json")) return new URLSearchParams(inbound.body.raw.toString("utf8"));
  const parsed = parseJson(inbound.body.raw);
  const value = parsed.ok && parsed.value && typeof parsed.value === "object" ? parsed.value : {};
  const fields = new URLSearchParams();
  for (const [key, v] of Object.entries(value)) if (typeof v === "string") fields.set(key, v);
  return fields;
}

function writeHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
}
