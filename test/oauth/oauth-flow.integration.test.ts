import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as startRoute } from "@/app/api/v1/credentials/oauth/start/route";
import { POST as reconnectRoute } from "@/app/api/v1/credentials/[id]/reconnect/route";
import { GET as getRoute } from "@/app/api/v1/credentials/[id]/route";
import { GET as listRoute } from "@/app/api/v1/credentials/route";
import { GET as callbackRoute } from "@/app/api/oauth/intercom/callback/route";
import { GET as readAppRoute, PUT as saveAppRoute } from "@/app/api/v1/settings/intercom-oauth/route";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import {
  APP,
  arriveAtCallback,
  callJson,
  consent,
  oauthTestEnv,
  type Person,
  registerDemoClient,
  signedInPerson,
  signIn,
} from "@/test/oauth/oauth-support";
import { loadCredentialToken } from "@/lib/credentials/load-credential-token";

const CODE_LIFETIME_MS = 1500;
let t: TestDatabase;
let sandbox: Sandbox;
let alice: Person;
let bob: Person;
let env: Record<string, string>;
const saved = { ...process.env };

beforeAll(async () => {
  t = await freshDatabase();
  sandbox = await createSandbox({ logger: { error: () => undefined }, oauthCodeLifetimeMs: CODE_LIFETIME_MS });
  sandbox.createApp({ name: "Acme Support" });
  sandbox.createApp({ name: "Other Co" });
  registerDemoClient(sandbox);
  env = oauthTestEnv(t.url, sandbox);
  Object.assign(process.env, env);
  resetKeyringCache();
  alice = await signedInPerson(t.db, "alice");
  bob = await signedInPerson(t.db, "bob", alice.organisationId);
});
beforeEach(() => Object.assign(process.env, env));
afterAll(async () => {
  await sandbox?.close();
  await closeIntercomDispatcher();
  await t?.drop();
  process.env = saved;
  resetKeyringCache();
});

const credentials = () => t.db.credential.count();
const form = { name: "Support (OAuth)", region: "sandbox", oauthKind: "organisational", returnTo: "/flows/f1?step=2" };

async function start(person: Person, body: unknown = form): Promise<string> {
  const answer = await callJson(startRoute, person, "/api/v1/credentials/oauth/start", { method: "POST", json: body });
  expect(answer.status).toBe(200);
  return String(answer.body.authorizeUrl);
}

async function connect(person: Person, body: unknown = form): Promise<URL> {
  return arriveAtCallback(callbackRoute, person, await consent(await start(person, body)));
}

describe("Connect with Intercom", () => {
  it("sends the user to the sandbox's consent page, stores the token as an OAuth connection and returns", async () => {
    const authorizeUrl = new URL(await start(alice));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${sandbox.url}/oauth`);
    expect(authorizeUrl.searchParams.get("client_id")).toBe("flowgate-test-client");
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe("http://localhost:3999/api/oauth/intercom/callback");
    const back = await consent(authorizeUrl.toString(), "allow", "Acme Support");
    const landed = await arriveAtCallback(callbackRoute, alice, back);

    expect(landed.pathname).toBe("/flows/f1");
    expect(landed.searchParams.get("step")).toBe("2");
    const id = landed.searchParams.get("connected") ?? "";
    const row = await t.db.credential.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      name: "Support (OAuth)",
      region: "sandbox",
      authKind: "oauth",
      oauthKind: "organisational",
      workspaceName: "Acme Support",
      createdById: alice.userId,
    });
    expect(row.verifiedAt).not.toBeNull();
    const { token } = await loadCredentialToken(t.db, alice.organisationId, id);
    expect(row.tokenCiphertext).not.toContain(token);
    const me = await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { app: { name: string } }).app.name).toBe("Acme Support");
  });

  it("refuses a callback with no state, an unknown state or a replayed one, storing nothing", async () => {
    const back = await consent(await start(alice));
    const before = await credentials();
    const noState = new URL(back);
    noState.searchParams.delete("state");
    const unknown = new URL(back);
    unknown.searchParams.set("state", "made-up-state");
    for (const url of [noState, unknown]) {
      const landed = await arriveAtCallback(callbackRoute, alice, url);
      expect(landed.searchParams.get("oauthError")).toMatch(/state|unknown/);
      expect(landed.searchParams.has("connected")).toBe(false);
    }
    expect(await credentials()).toBe(before);

    expect((await arriveAtCallback(callbackRoute, alice, back)).searchParams.has("connected")).toBe(true);
    const replay = await arriveAtCallback(callbackRoute, alice, back);
    expect(replay.searchParams.get("oauthError")).toMatch(/already finished/);
    expect(await credentials()).toBe(before + 1);
  });

  it("sends a browser without a session to sign in, then back to the callback, which finishes the flow", async () => {
    const before = await credentials();
    const back = await consent(await start(alice));
    const anonymous = await callbackRoute(new Request(`${APP}${back.pathname}${back.search}`), {
      params: Promise.resolve({}),
    });
    expect(anonymous.status).toBe(303);
    const signInPage = new URL(anonymous.headers.get("location") ?? "", APP);
    expect(signInPage.pathname).toBe("/sign-in");
    const next = signInPage.searchParams.get("next") ?? "";
    expect(next).toBe(`${back.pathname}${back.search}`);
    expect(await credentials()).toBe(before);

    // Alice's session ended meanwhile (that is why her browser had none); she signs in again.
    await t.db.session.updateMany({
      where: { userId: alice.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const again = { ...alice, cookie: await signIn(alice.email, alice.password) };
    const landed = await arriveAtCallback(callbackRoute, again, new URL(next, APP));
    expect(landed.pathname).toBe("/flows/f1");
    expect(landed.searchParams.has("connected")).toBe(true);
    expect(await credentials()).toBe(before + 1);
    alice = again;
  });

  it("still refuses a state started in a sign-in of the same user that is still active", async () => {
    const back = await consent(await start(alice));
    const otherTab = { ...alice, cookie: await signIn(alice.email, alice.password) };
    const before = await credentials();
    const refused = await arriveAtCallback(callbackRoute, otherTab, back);
    expect(refused.searchParams.get("oauthError")).toMatch(/another sign-in/);
    expect(await credentials()).toBe(before);
  });

  it("refuses a state from another user's session, which stays usable by its owner", async () => {
    const back = await consent(await start(alice));
    const before = await credentials();
    const stolen = await arriveAtCallback(callbackRoute, bob, back);
    expect(stolen.searchParams.get("oauthError")).toMatch(/another sign-in/);
    expect(await credentials()).toBe(before);
    expect((await arriveAtCallback(callbackRoute, alice, back)).searchParams.has("connected")).toBe(true);
  });

  it("refuses an old state, a denied consent, an expired code and a reused code", async () => {
    const before = await credentials();
    const old = await consent(await start(alice));
    await t.db.oAuthState.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await arriveAtCallback(callbackRoute, alice, old)).searchParams.get("oauthError")).toMatch(/expired/);

    const cancelled = await arriveAtCallback(callbackRoute, alice, await consent(await start(alice), "deny"));
    expect(cancelled.searchParams.get("oauthError")).toMatch(/not authorized/);

    const late = await consent(await start(alice));
    await new Promise((resolve) => setTimeout(resolve, CODE_LIFETIME_MS + 200));
    expect((await arriveAtCallback(callbackRoute, alice, late)).searchParams.get("oauthError")).toMatch(
      /Unauthorized Code/,
    );

    const used = await consent(await start(alice));
    expect((await arriveAtCallback(callbackRoute, alice, used)).searchParams.has("connected")).toBe(true);
    const sameCode = new URL(await consent(await start(alice)));
    sameCode.searchParams.set("code", used.searchParams.get("code") ?? "");
    expect((await arriveAtCallback(callbackRoute, alice, sameCode)).searchParams.get("oauthError")).toMatch(
      /Unauthorized Code/,
    );
    expect(await credentials()).toBe(before + 1);
  });

  it("reports a wrong client secret and an OAuth app that is not configured, storing nothing", async () => {
    const before = await credentials();
    const back = await consent(await start(alice));
    process.env.INTERCOM_SANDBOX_OAUTH_CLIENT_SECRET = "not-the-secret";
    const landed = await arriveAtCallback(callbackRoute, alice, back);
    expect(landed.searchParams.get("oauthError")).toMatch(/Unauthorized Client/);

    for (const name of ["INTERCOM_SANDBOX_OAUTH_CLIENT_ID", "INTERCOM_OAUTH_CLIENT_ID"]) delete process.env[name];
    const refused = await callJson(startRoute, alice, "/api/v1/credentials/oauth/start", {
      method: "POST",
      json: form,
    });
    expect(refused.status).toBe(409);
    const message = String((refused.body.error as { message: string }).message);
    expect(message).toContain("INTERCOM_OAUTH_CLIENT_ID");
    expect(message).toContain("INTERCOM_OAUTH_CLIENT_SECRET");
    expect(await credentials()).toBe(before);
    expect(await t.db.oAuthState.count({ where: { userId: alice.userId, expiresAt: { gt: new Date() } } })).toBe(0);
  });

  it("keeps a personal connection to its creator: others neither list nor read it", async () => {
    const landed = await connect(alice, { ...form, name: "Alice's own", oauthKind: "personal" });
    const id = landed.searchParams.get("connected") ?? "";
    const listed = async (person: Person) =>
      ((await callJson(listRoute, person, "/api/v1/credentials")).body.credentials as { id: string }[]).map(
        (c) => c.id,
      );
    expect(await listed(alice)).toContain(id);
    expect(await listed(bob)).not.toContain(id);
    const path = `/api/v1/credentials/${id}`;
    expect((await callJson(getRoute, alice, path, { params: { id } })).status).toBe(200);
    expect((await callJson(getRoute, bob, path, { params: { id } })).status).toBe(404);
  });

  it("reconnects a revoked connection in place, refusing another workspace", async () => {
    const id = (await connect(alice, { ...form, name: "To revoke" })).searchParams.get("connected") ?? "";
    const first = await loadCredentialToken(t.db, alice.organisationId, id);
    sandbox.revokeToken(first.token);
    expect((await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(
      401,
    );

    const reconnectPath = `/api/v1/credentials/${id}/reconnect`;
    const startAgain = async () =>
      String(
        (await callJson(reconnectRoute, alice, reconnectPath, { method: "POST", json: {}, params: { id } })).body
          .authorizeUrl,
      );
    const other = await arriveAtCallback(callbackRoute, alice, await consent(await startAgain(), "allow", "Other Co"));
    expect(other.searchParams.get("oauthError")).toMatch(/Other Co/);
    const again = await arriveAtCallback(callbackRoute, alice, await consent(await startAgain(), "allow", "Acme"));
    expect(again.searchParams.get("connected")).toBe(id);
    const second = await loadCredentialToken(t.db, alice.organisationId, id);
    expect(second.token).not.toBe(first.token);
    expect((await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${second.token}` } })).status).toBe(
      200,
    );
    expect(
      (await callJson(reconnectRoute, bob, reconnectPath, { method: "POST", json: {}, params: { id } })).status,
    ).toBe(200);
  });

  it("uses an organisation's own OAuth app saved in Settings by an admin (secret encrypted, never returned)", async () => {
    const path = "/api/v1/settings/intercom-oauth";
    const app = { clientId: "acme-own-client", clientSecret: "acme-own-secret-123" };
    await t.db.user.update({ where: { id: bob.userId }, data: { role: "member" } });
    expect((await callJson(saveAppRoute, bob, path, { method: "PUT", json: app })).status).toBe(403);
    const saved = await callJson(saveAppRoute, alice, path, { method: "PUT", json: app });
    expect(saved.body).toMatchObject({ clientId: "acme-own-client", source: "settings" });
    expect(JSON.stringify((await callJson(readAppRoute, bob, path)).body)).not.toContain("acme-own-secret-123");
    const row = await t.db.oAuthAppSetting.findUniqueOrThrow({ where: { organisationId: alice.organisationId } });
    expect(row.clientSecretCipher).not.toContain("acme-own-secret-123");

    const url = new URL(await start(alice, { ...form, region: "eu" }));
    expect(`${url.origin}${url.pathname}`).toBe("https://app.eu.intercom.com/oauth");
    expect(url.searchParams.get("client_id")).toBe("acme-own-client");
  });
});
