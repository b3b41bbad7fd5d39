import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "./server";
import { callSandbox } from "./test-support";

let sandbox: Sandbox;
const admin = (method: string, path: string, body?: unknown) => sandbox.admin.call(method, path, body);

beforeAll(async () => {
  sandbox = await createSandbox({
    port: 0,
    requestLogSize: 5,
    bootstrapApps: [{ name: "Boot", token: "boot-token-1" }],
    logger: { error: () => undefined },
  });
});
afterAll(() => sandbox.close());

describe("admin API", () => {
  it("creates apps with a generated or a chosen token, each with its own data", async () => {
    const created = await admin("POST", "/apps", { name: "Alpha", rateLimitPer10s: 50 });
    expect(created.status).toBe(201);
    const alpha = (await created.json()) as { appId: string; token: string };
    expect(alpha).toMatchObject({
      appId: expect.stringMatching(/^[a-z0-9]{8}$/),
      token: expect.stringMatching(/^sbx_/),
      rateLimitPer10s: 50,
    });
    const beta = (await (await admin("POST", "/apps", { name: "Beta", token: "beta-known-token" })).json()) as {
      token: string;
    };
    expect(beta.token).toBe("beta-known-token");
    expect((await admin("POST", "/apps", { name: "Again", token: "beta-known-token" })).status).toBe(409);
    expect((await admin("POST", "/apps", { rateLimitPer10s: -1 })).status).toBe(400);

    await callSandbox(sandbox.url, "POST", "/contacts", {
      token: alpha.token,
      body: { email: "only-alpha@example.com" },
    });
    const betaList = await callSandbox(sandbox.url, "GET", "/contacts", { token: beta.token });
    expect(betaList.body).toMatchObject({ total_count: 0 });
    expect(
      (await callSandbox(sandbox.url, "GET", "/me", { token: alpha.token })).headers.get("x-ratelimit-limit"),
    ).toBe("50");
  });

  it("records requests with the token redacted, bounded per app", async () => {
    const { appId, token } = sandbox.createApp({ name: "Logged" });
    for (let i = 0; i < 7; i++)
      await callSandbox(sandbox.url, "POST", "/contacts?x=1", { token, body: { email: `log${i}@example.com` } });
    const res = await admin("GET", `/requests?appId=${appId}`);
    const { requests } = (await res.json()) as { requests: Array<Record<string, unknown>> };
    expect(requests).toHaveLength(5);
    expect(requests.at(-1)).toMatchObject({
      appId,
      method: "POST",
      path: "/contacts",
      query: { x: "1" },
      status: 200,
      body: { email: "log6@example.com" },
      headers: { authorization: "Bearer [redacted]", "content-type": "application/json" },
    });
    expect(JSON.stringify(requests)).not.toContain(token);
    expect((await admin("GET", "/requests?appId=nope")).status).toBe(404);
  });

  it("records unauthenticated requests where no app can be blamed", async () => {
    await callSandbox(sandbox.url, "GET", "/me", { token: "wrong-token" });
    const { requests } = (await (await admin("GET", "/requests")).json()) as {
      requests: Array<Record<string, unknown>>;
    };
    expect(requests.at(-1)).toMatchObject({
      appId: null,
      status: 401,
      headers: { authorization: "Bearer [redacted]" },
    });
  });

  it("resets one app's data, or everything, keeping bootstrap apps and their tokens", async () => {
    const { appId, token } = sandbox.createApp({ name: "Resettable" });
    await callSandbox(sandbox.url, "POST", "/contacts", { token, body: { email: "r@example.com" } });
    expect((await admin("POST", "/reset", { appId })).status).toBe(200);
    expect((await callSandbox(sandbox.url, "GET", "/contacts", { token })).body).toMatchObject({ total_count: 0 });

    await callSandbox(sandbox.url, "POST", "/contacts", { token: "boot-token-1", body: { email: "boot@example.com" } });
    expect((await admin("POST", "/reset", { dropApps: true })).status).toBe(200);
    expect((await callSandbox(sandbox.url, "GET", "/me", { token })).status).toBe(401);
    const boot = await callSandbox(sandbox.url, "GET", "/contacts", { token: "boot-token-1" });
    expect(boot.status).toBe(200);
    expect(boot.body).toMatchObject({ total_count: 0 });
  });

  it("shows an app's state and refuses unknown admin paths and bad JSON", async () => {
    const { appId, token } = sandbox.createApp({ name: "Inspect" });
    await callSandbox(sandbox.url, "POST", "/contacts", { token, body: { email: "seen@example.com" } });
    expect(await (await admin("GET", `/apps/${appId}`)).json()).toMatchObject({ appId, name: "Inspect", contacts: 1 });
    expect(await (await admin("GET", `/apps/${appId}/contacts`)).json()).toMatchObject({
      contacts: [{ email: "seen@example.com", archived: false }],
    });
    expect((await admin("GET", "/nope")).status).toBe(404);
    const malformed = await fetch(`${sandbox.url}/__sandbox/apps`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.adminToken}` },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    expect((await admin("GET", "/health")).status).toBe(200);
  });

  it("answers only with its admin token: not without one, not with an app's token, not with a near miss", async () => {
    const { token } = sandbox.createApp({ name: "Not an admin" });
    const attempts: Array<[string, Record<string, string>]> = [
      ["no token", {}],
      ["an app's token", { authorization: `Bearer ${token}` }],
      ["a bootstrap app's token", { authorization: "Bearer boot-token-1" }],
      ["the admin token cut short", { authorization: `Bearer ${sandbox.adminToken.slice(0, -1)}` }],
      ["the admin token without Bearer", { authorization: sandbox.adminToken }],
    ];
    const before = sandbox.registry.list().length;
    for (const [label, headers] of attempts) {
      for (const [method, path] of [
        ["GET", "/requests"],
        ["POST", "/apps"],
        ["POST", "/reset"],
        ["POST", "/faults"],
      ] as const) {
        const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
          method,
          headers,
          body: method === "POST" ? JSON.stringify({ name: "Sneaky", dropApps: true, errorRate: 1 }) : undefined,
        });
        expect(res.status, `${label}: ${method} ${path}`).toBe(401);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/needs its admin token/) });
      }
    }
    expect(sandbox.registry.list()).toHaveLength(before);
    expect((await callSandbox(sandbox.url, "GET", "/me", { token })).status).toBe(200);
    // Health stays open, for readiness checks; it tells nothing.
    expect(await (await fetch(`${sandbox.url}/__sandbox/health`)).json()).toEqual({ ok: true });
  });

  it("takes the admin token it is given", async () => {
    const chosen = await createSandbox({ port: 0, adminToken: "chosen-admin-token-0123456789" });
    try {
      expect(chosen.adminToken).toBe("chosen-admin-token-0123456789");
      const res = await fetch(`${chosen.url}/__sandbox/apps`, {
        headers: { authorization: "Bearer chosen-admin-token-0123456789" },
      });
      expect(res.status).toBe(200);
    } finally {
      await chosen.close();
    }
  });
});

describe("admin client", () => {
  it("drives the admin API over HTTP", async () => {
    const { createSandboxAdminClient } = await import("./admin-client");
    const client = createSandboxAdminClient(`${sandbox.url}/`, sandbox.adminToken);
    const app = await client.createApp({ name: "Client", rateLimitPer10s: 3 });
    await client.setFaults({ appId: app.appId, errorRate: 1, errorStatus: 504 });
    expect((await callSandbox(sandbox.url, "GET", "/me", { token: app.token })).status).toBe(504);
    await client.clearFaults(app.appId);
    expect((await callSandbox(sandbox.url, "GET", "/me", { token: app.token })).status).toBe(200);
    expect((await client.requests({ appId: app.appId, limit: 1 })).map((r) => r.status)).toEqual([200]);
    await client.reset({ appId: app.appId });
    expect(await client.requests({ appId: app.appId })).toEqual([]);
    await expect(client.setFaults({ appId: "missing" })).rejects.toThrow(/404/);
    await expect(createSandboxAdminClient(sandbox.url, "wrong-admin-token").reset()).rejects.toThrow(/401/);
  });
});

describe("request log bounds", () => {
  it("keeps a large body as a preview", async () => {
    const { appId, token } = sandbox.createApp({ name: "Big bodies" });
    const big = { email: "big@example.com", name: "n".repeat(100_000) };
    await callSandbox(sandbox.url, "POST", "/contacts", { token, body: big });
    const [entry] = sandbox.requests(appId);
    expect(entry?.body).toMatchObject({ truncated: true, bytes: JSON.stringify(big).length });
    expect((entry?.body as { preview: string }).preview).toHaveLength(2048);
  });
});
