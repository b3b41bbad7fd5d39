import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSandboxConfig } from "./config";
import { createSandbox, type Sandbox } from "./server";
import { permissionsForRequest } from "./intercom/permission-check";
import { INTERCOM_ROUTES } from "./routes";
import { callSandbox } from "./test-support";

let sandbox: Sandbox;
let shortLived: Sandbox;
const redirect = "https://flowgate.example.com/api/oauth/intercom/callback";
const client = { clientId: "demo-client", clientSecret: "demo-secret-123", name: "Flowgate demo" };

beforeAll(async () => {
  const common = { port: 0, logger: { error: () => undefined } };
  const oauthApp = { ...client, permissions: ["Read and list users and companies"], redirectUrls: [redirect] };
  sandbox = await createSandbox({ ...common, bootstrapOAuthApps: [oauthApp] });
  shortLived = await createSandbox({ ...common, bootstrapOAuthApps: [oauthApp], oauthCodeLifetimeMs: 50 });
  sandbox.createApp({ name: "Acme workspace" });
  shortLived.createApp({ name: "Acme workspace" });
});
afterAll(async () => {
  await sandbox.close();
  await shortLived.close();
});

async function authorize(on: Sandbox, decision = "allow", state = "st-1"): Promise<URL> {
  const page = await fetch(`${on.url}/oauth?client_id=${client.clientId}&state=${state}`);
  const html = await page.text();
  const appId = /<option value="([^"]+)">Acme workspace/.exec(html)?.[1] ?? "";
  const form = new URLSearchParams({
    client_id: client.clientId,
    state,
    redirect_uri: redirect,
    app_id: appId,
    decision,
  });
  const answer = await fetch(`${on.url}/oauth/decision`, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
}

const exchange = (on: Sandbox, fields: Record<string, string>, json = false) =>
  fetch(`${on.url}/auth/eagle/token`, {
    method: "POST",
    headers: { "content-type": json ? "application/json" : "application/x-www-form-urlencoded" },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields),
  });

describe("the sandbox's OAuth", () => {
  it("shows the app's name, its permissions, the workspaces, Authorize access and Cancel", async () => {
    const page = await fetch(`${sandbox.url}/oauth?client_id=${client.clientId}&state=abc`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of [
      "Flowgate demo",
      "Read and list users and companies",
      "Acme workspace",
      "Authorize access",
      "Cancel",
    ])
      expect(html).toContain(text);
    expect((await fetch(`${sandbox.url}/oauth?client_id=nope`)).status).toBe(400);
    const otherRedirect = `${sandbox.url}/oauth?client_id=${client.clientId}&redirect_uri=https://evil.example/cb`;
    expect((await fetch(otherRedirect)).status).toBe(400);
  });

  it("trades a code once for a token that works, until it is revoked", async () => {
    const back = await authorize(sandbox);
    expect(`${back.origin}${back.pathname}`).toBe(redirect);
    expect(back.searchParams.get("state")).toBe("st-1");
    const code = back.searchParams.get("code") ?? "";
    expect(code).not.toBe("");

    const answer = await exchange(sandbox, { code, client_id: client.clientId, client_secret: client.clientSecret });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { token: string; access_token: string; token_type: string };
    expect(body.token_type).toBe("Bearer");
    expect(body.access_token).toBe(body.token);
    const me = await callSandbox(sandbox.url, "GET", "/me", { token: body.token });
    expect(me.status).toBe(200);
    expect((me.body as { app: { name: string } }).app.name).toBe("Acme workspace");

    const again = await exchange(sandbox, { code, client_id: client.clientId, client_secret: client.clientSecret });
    expect(again.status).toBe(401);
    expect(JSON.stringify(await again.json())).toContain("Unauthorized Code");

    const revoked = await sandbox.admin.call("POST", "/tokens/revoke", { token: body.token });
    expect(revoked.status).toBe(200);
    expect((await callSandbox(sandbox.url, "GET", "/me", { token: body.token })).status).toBe(401);
    expect((await callSandbox(sandbox.url, "GET", "/contacts", { token: body.token })).status).toBe(401);
  });

  it("gives a token the OAuth app's permissions only: another endpoint answers Intercom's 403", async () => {
    const code = (await authorize(sandbox)).searchParams.get("code") ?? "";
    const exchanged = await exchange(sandbox, { code, client_id: client.clientId, client_secret: client.clientSecret });
    const { token } = (await exchanged.json()) as { token: string };
    const appToken = sandbox.registry.list().find((app) => app.name === "Acme workspace")!.token;
    // The app has "Read and list users and companies" (which covers reading one), not "Write users and companies".
    expect((await callSandbox(sandbox.url, "GET", "/contacts", { token })).status).toBe(200);
    expect((await callSandbox(sandbox.url, "GET", "/me", { token })).status).toBe(200);
    const contact = { email: `perm-${Date.now()}@example.com` };
    const refused = await callSandbox(sandbox.url, "POST", "/contacts", { token, body: contact });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      type: "error.list",
      request_id: expect.any(String),
      errors: [
        {
          code: "forbidden",
          message: "You do not have the required scope (write_users_companies) to access this resource",
        },
      ],
    });
    const search = { query: { field: "email", operator: "=", value: contact.email } };
    const found = await callSandbox(sandbox.url, "POST", "/contacts/search", { token, body: search });
    expect((found.body as { total_count: number }).total_count).toBe(0);
    expect((await callSandbox(sandbox.url, "GET", "/tags", { token })).status).toBe(403);
    // The workspace's own access token is not an OAuth grant: it may write.
    expect((await callSandbox(sandbox.url, "POST", "/contacts", { token: appToken, body: contact })).status).toBe(200);
  });

  it("knows the permission every endpoint it serves needs", () => {
    for (const route of INTERCOM_ROUTES)
      expect(permissionsForRequest(route.method, route.path), route.path).toBeDefined();
  });

  it("registers OAuth apps with Intercom's permission names only", async () => {
    const answer = await sandbox.admin.call("POST", "/oauth/apps", {
      name: "Odd",
      permissions: ["Read everything"],
      redirectUrls: [redirect],
    });
    expect(answer.status).toBe(400);
  });

  it("refuses a wrong secret (keeping the code), an unknown code and missing fields", async () => {
    const code = (await authorize(sandbox)).searchParams.get("code") ?? "";
    const wrong = await exchange(sandbox, { code, client_id: client.clientId, client_secret: "not-the-secret" }, true);
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).toContain("Unauthorized Client");
    const unknown = await exchange(sandbox, {
      code: "abc",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(unknown.status).toBe(401);
    expect((await exchange(sandbox, { code })).status).toBe(400);
    const right = await exchange(
      sandbox,
      { code, client_id: client.clientId, client_secret: client.clientSecret },
      true,
    );
    expect(right.status).toBe(200);
  });

  it("sends a cancelled consent back with access_denied and no code", async () => {
    const back = await authorize(sandbox, "deny", "st-2");
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("st-2");
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("refuses a code past its lifetime", async () => {
    const code = (await authorize(shortLived)).searchParams.get("code") ?? "";
    await new Promise((resolve) => setTimeout(resolve, 80));
    const late = await exchange(shortLived, { code, client_id: client.clientId, client_secret: client.clientSecret });
    expect(late.status).toBe(401);
  });

  it("reads OAuth apps to register at start from SANDBOX_BOOTSTRAP_OAUTH_APPS", () => {
    const value = JSON.stringify([{ ...client, redirectUrls: [redirect] }]);
    expect(readSandboxConfig({ SANDBOX_BOOTSTRAP_OAUTH_APPS: value }).bootstrapOAuthApps).toEqual([
      { ...client, redirectUrls: [redirect], permissions: [] },
    ]);
    expect(() => readSandboxConfig({ SANDBOX_BOOTSTRAP_OAUTH_APPS: "[{}]" })).toThrow(/SANDBOX_BOOTSTRAP_OAUTH_APPS/);
  });
});
