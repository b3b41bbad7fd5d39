import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { defaultDestinationConfig } from "@/lib/destinations/schemas";
import { appendRecords } from "@/lib/nexsets/append-records";
import { createWebhookSource } from "@/lib/sources/webhook/create-webhook-source";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { GET as getCredentialRoute, DELETE as deleteCredentialRoute } from "../credentials/[id]/route";
import { POST as testCredentialRoute } from "../credentials/[id]/test/route";
import { GET as listCredentialsRoute, POST as createCredentialRoute } from "../credentials/route";
import { POST as testConnectionRoute } from "../credentials/test-connection/route";
import { DELETE as deleteRoute, GET as getRoute, PUT as putRoute } from "./[id]/route";
import { POST as testSavedRoute } from "./[id]/test/route";
import { GET as listRoute, POST as createRoute } from "./route";
import { POST as testRoute } from "./test/route";

// The wizard's API through its route handlers, authenticated with API keys as a public client would.

const APP = "http://localhost:3998";
let t: TestDatabase;
let sandbox: Sandbox;
let token: string;
let keyA: string;
let keyB: string;
let nexsetA: string;
const saved = { keys: process.env.FLOWGATE_ENCRYPTION_KEYS, sandbox: process.env.INTERCOM_SANDBOX_URL };

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
async function call(
  handler: Handler,
  key: string,
  method: string,
  path: string,
  body?: unknown,
  params?: Record<string, string>,
) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await handler(
    new Request(`${APP}${path}`, init),
    params ? { params: Promise.resolve(params) } : undefined,
  );
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, text };
}

async function seed(name: string, email: string): Promise<{ key: string; organisationId: string }> {
  const { userId, organisationId } = await signUpWithOrganisation(
    { organisationName: name, name: "Pat", email, password: "route password 1" },
    t.db,
  );
  const { key } = await createApiKey({ organisationId, userId }, { name: "tests" }, t.db);
  return { key, organisationId };
}

beforeAll(async () => {
  process.env.FLOWGATE_ENCRYPTION_KEYS = `itest:${randomBytes(32).toString("base64")}`;
  resetKeyringCache();
  t = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    FLOWGATE_URL: APP,
  });
  sandbox = await createSandbox({ port: 0, logger: { error: () => undefined } });
  process.env.INTERCOM_SANDBOX_URL = sandbox.url;
  token = (await sandbox.admin.createApp({ name: "Routes workspace" })).token;
  const a = await seed("Route Co", "pat@route.test");
  keyA = a.key;
  keyB = (await seed("Rival Co", "pat@rival.test")).key;
  const source = await createWebhookSource(t.db, a.organisationId, { name: "Signups" });
  nexsetA = source.nexsetId;
  await appendRecords(t.db, nexsetA, [
    { email: "ada@example.com", name: "Ada" },
    { email: "bob@example.com", name: "Bob" },
  ]);
});

afterAll(async () => {
  await sandbox?.close();
  await closeIntercomDispatcher();
  await t?.drop();
  for (const [name, value] of [
    ["FLOWGATE_ENCRYPTION_KEYS", saved.keys],
    ["INTERCOM_SANDBOX_URL", saved.sandbox],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetKeyringCache();
});

describe("/api/v1/credentials", () => {
  it("tests a token, creates a credential (token never returned), tests it, and hides it from other organisations", async () => {
    const bad = await call(testConnectionRoute, keyA, "POST", "/api/v1/credentials/test-connection", {
      region: "sandbox",
      token: "not-a-real-token-1234",
    });
    expect(bad.json).toMatchObject({ ok: false, errorCode: "credential_rejected" });
    const good = await call(testConnectionRoute, keyA, "POST", "/api/v1/credentials/test-connection", {
      region: "sandbox",
      token,
    });
    expect(good.json).toMatchObject({ ok: true, workspaceName: "Routes workspace" });

    const created = await call(createCredentialRoute, keyA, "POST", "/api/v1/credentials", {
      name: "Sandbox",
      region: "sandbox",
      token,
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(token);
    const id = created.json!.id as string;
    expect((await call(listCredentialsRoute, keyA, "GET", "/api/v1/credentials")).json!.credentials).toEqual([
      expect.objectContaining({ id, tokenMasked: `••••${token.slice(-4)}` }),
    ]);
    expect(
      (await call(testCredentialRoute, keyA, "POST", `/api/v1/credentials/${id}/test`, undefined, { id })).json,
    ).toMatchObject({ ok: true });
    expect((await call(getCredentialRoute, keyB, "GET", `/api/v1/credentials/${id}`, undefined, { id })).status).toBe(
      404,
    );
    expect(
      (await call(deleteCredentialRoute, keyB, "DELETE", `/api/v1/credentials/${id}`, undefined, { id })).status,
    ).toBe(404);
    expect((await call(listCredentialsRoute, keyB, "GET", "/api/v1/credentials")).json!.credentials).toEqual([]);

    const refused = await call(createCredentialRoute, keyA, "POST", "/api/v1/credentials", {
      name: "Wrong",
      region: "sandbox",
      token: "not-a-real-token-1234",
    });
    expect(refused.status).toBe(422);
    expect(await t.db.credential.count()).toBe(1);
  });
});

describe("/api/v1/destinations", () => {
  it("creates, reads, lists, updates (new version), tests and deletes through the routes", async () => {
    const credential = await call(createCredentialRoute, keyA, "POST", "/api/v1/credentials", {
      name: "For destinations",
      region: "sandbox",
      token,
    });
    const credentialId = credential.json!.id as string;
    const config = {
      ...defaultDestinationConfig,
      urlTemplate: `${sandbox.url}/contacts`,
      excludedAttributes: ["name"],
    };

    const created = await call(createRoute, keyA, "POST", "/api/v1/destinations", {
      name: "Signups",
      nexsetId: nexsetA,
      credentialId,
      config,
    });
    expect(created.status).toBe(201);
    const id = created.json!.id as string;
    expect(created.json).toMatchObject({ status: "draft", configVersion: 1 });

    expect((await call(getRoute, keyA, "GET", `/api/v1/destinations/${id}`, undefined, { id })).json).toMatchObject({
      id,
      name: "Signups",
    });
    expect((await call(getRoute, keyB, "GET", `/api/v1/destinations/${id}`, undefined, { id })).status).toBe(404);
    expect(
      ((await call(listRoute, keyA, "GET", `/api/v1/destinations?nexsetId=${nexsetA}`)).json!.destinations as unknown[])
        .length,
    ).toBe(1);
    expect((await call(listRoute, keyB, "GET", "/api/v1/destinations")).json!.destinations).toEqual([]);

    const put = await call(
      putRoute,
      keyA,
      "PUT",
      `/api/v1/destinations/${id}`,
      { name: "Signups v2", credentialId, config: { ...config, headersText: "X-Source:flowgate" } },
      { id },
    );
    expect(put.json).toMatchObject({ name: "Signups v2", configVersion: 2 });

    const tested = await call(
      testSavedRoute,
      keyA,
      "POST",
      `/api/v1/destinations/${id}/test`,
      { requestIndex: 1 },
      { id },
    );
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ status: 200, callId: expect.any(String) });
    expect(JSON.parse((tested.json!.request as { body: string }).body)).toEqual({ email: "bob@example.com" });

    const unsaved = await call(testRoute, keyA, "POST", "/api/v1/destinations/test", {
      nexsetId: nexsetA,
      credentialId,
      config,
    });
    expect(unsaved.json).toMatchObject({ status: 200, callId: null });

    expect((await call(deleteRoute, keyB, "DELETE", `/api/v1/destinations/${id}`, undefined, { id })).status).toBe(404);
    expect((await call(deleteRoute, keyA, "DELETE", `/api/v1/destinations/${id}`, undefined, { id })).status).toBe(204);
    expect((await call(getRoute, keyA, "GET", `/api/v1/destinations/${id}`, undefined, { id })).status).toBe(404);
  });

  it("answers bad input with 400 naming the field, and saves nothing", async () => {
    const credentialId = (await t.db.credential.findFirstOrThrow()).id;
    const before = await t.db.destination.count();
    const post = (config: Record<string, unknown>) =>
      call(createRoute, keyA, "POST", "/api/v1/destinations", {
        name: "Bad",
        nexsetId: nexsetA,
        credentialId,
        config: { ...defaultDestinationConfig, urlTemplate: `${sandbox.url}/contacts`, ...config },
      });
    const paths = async (config: Record<string, unknown>) => {
      const res = await post(config);
      expect(res.status).toBe(400);
      return (res.json!.error as { issues: { path: string }[] }).issues.map((issue) => issue.path);
    };
    expect(await paths({ urlTemplate: "https://elsewhere.example/contacts" })).toEqual(["config.urlTemplate"]);
    expect(await paths({ headersText: "authorization:Bearer x" })).toEqual(["config.headersText"]);
    expect(await paths({ batching: { ...defaultDestinationConfig.batching, enabled: true, size: 100_001 } })).toEqual([
      "config.batching.size",
    ]);
    expect(await paths({ method: "FETCH" })).toEqual(["config.method"]);
    const foreignConfig = { ...defaultDestinationConfig, urlTemplate: "/contacts" };
    const foreign = await call(createRoute, keyB, "POST", "/api/v1/destinations", {
      name: "X",
      nexsetId: nexsetA,
      credentialId,
      config: foreignConfig,
    });
    expect(foreign.status).toBe(404);
    expect(await t.db.destination.count()).toBe(before);
  });
});
