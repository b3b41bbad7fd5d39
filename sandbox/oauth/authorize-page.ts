import type { OAuthClient } from "../state/oauth-registry";

// The page Intercom shows at app.intercom.com/oauth: which app asks, what it will be allowed to do,
// which workspace it gets, and "Authorize access" or cancel. Plain HTML, no script.

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export interface AuthorizePageInput {
  client: OAuthClient;
  state: string;
  redirectUri: string;
  workspaces: Array<{ id: string; name: string }>;
}

export function renderAuthorizePage(input: AuthorizePageInput): string {
  const { client, state, redirectUri, workspaces } = input;
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const permissions = client.permissions.length
    ? client.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join("")
    : "<li>No permissions</li>";
  const options = workspaces.map((w) => `<option value="${escapeHtml(w.id)}">${escapeHtml(w.name)}</option>`).join("");
  return page(
    `Authorize ${client.name}`,
    `<h1>${escapeHtml(client.name)} would like to access your Intercom data</h1>
<form method="post" action="/oauth/decision">
${hidden("client_id", client.clientId)}${hidden("state", state)}${hidden("redirect_uri", redirectUri)}
<label>Workspace <select name="app_id">${options}</select></label>
<h2>This app will be able to</h2>
<ul>${permissions}</ul>
<button type="submit" name="decision" value="allow">Authorize access</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  );
}

export function renderOAuthError(message: string): string {
  return page("Authorization failed", `<h1>Authorization failed</h1><p>${escapeHtml(message)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Intercom sandbox</title></head><body>${body}</body></html>`;
}
