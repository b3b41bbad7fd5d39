import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { decryptSecret, secretContextFor } from "@/lib/crypto/secrets";
import { DomainError } from "@/lib/errors";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { createCredential } from "./create-credential";
import { deleteCredential } from "./delete-credential";
import { getCredential } from "./get-credential";
import { listCredentials } from "./list-credentials";
import { loadCredentialToken } from "./load-credential-token";
import { testConnection, testCredential } from "./test-credential";

let t: TestDatabase;
let sandbox: Sandbox;
let token: string;
let orgA: string;
let orgB: string;
// What the sandbox's GET /me says about the app, read directly: the oracle for what we store.
let expectedMe: { name: string; email: string; app: { id_code: string; name: string } };
const saved = { keys: process.env.FLOWGATE_ENCRYPTION_KEYS, sandbox: process.env.INTERCOM_SANDBOX_URL };

beforeAll(async () => {
  process.env.FLOWGATE_ENCRYPTION_KEYS = `itest:${randomBytes(32).toString("base64")}`;
  resetKeyringCache();
  t = await freshDatabase();
  sandbox = await createSandbox();
  token = sandbox.createApp({ name: "Acme Support" }).token;
  expectedMe = (await (
    await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as typeof expectedMe;
  orgA = (await t.db.organisation.create({ data: { name: "Org A" } })).id;
  orgB = (await t.db.organisation.create({ data: { name: "Org B" } })).id;
});

beforeEach(() => {
  process.env.INTERCOM_SANDBOX_URL = sandbox.url;
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

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const count = () => t.db.credential.count();

describe("createCredential", () => {
  it("verifies the token with GET /me and stores it encrypted, showing only a masked token", async () => {
    const credential = await createCredential(t.db, orgA, {
      name: "  Support app ",
      region: "sandbox",
      token: `  ${token}\n`,
    });

    expect(credential).toMatchObject({
      name: "Support app",
      region: "sandbox",
      regionName: "Local sandbox",
      authKind: "access_token",
      tokenMasked: `••••${token.slice(-4)}`,
      workspaceName: "Acme Support",
      workspaceId: expectedMe.app.id_code,
      adminName: expectedMe.name,
      adminEmail: expectedMe.email,
    });
    expect(credential.verifiedAt).not.toBeNull();
    expect(JSON.stringify(credential)).not.toContain(token);
    expect(Object.keys(credential)).not.toContain("tokenCiphertext");

    const row = await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(row.tokenCiphertext).toMatch(/^v2:itest:/);
    expect(row.tokenKeyId).toBe("itest");
    expect(row.tokenCiphertext).not.toContain(token);
    expect(decryptSecret(row.tokenCiphertext, secretContextFor("credential.token", row))).toBe(token);
    expect(
      sandbox
        .requests()
        .some((request) => request.method === "GET" && request.path === "/me" && request.status === 200),
    ).toBe(true);
  });

  it("stores OAuth kind and scopes for OAuth tokens", async () => {
    const credential = await createCredential(t.db, orgA, {
      name: "OAuth app",
      region: "sandbox",
      authKind: "oauth",
      oauthKind: "organisational",
      scopes: ["read_users_companies", "write_users_companies"],
      token,
    });
    expect(credential).toMatchObject({
      authKind: "oauth",
      oauthKind: "organisational",
      scopes: ["read_users_companies", "write_users_companies"],
    });
  });

  it("refuses a token Intercom rejects, with a clear message, and stores nothing", async () => {
    const before = await count();
    const error = await caught(
      createCredential(t.db, orgA, { name: "Bad", region: "sandbox", token: "not-a-real-token-123456" }),
    );
    expect(error.code).toBe("credential_rejected");
    expect(error.field).toBe("token");
    expect(error.status).toBe(422);
    expect(error.message).toContain("Access Token Invalid");
    expect(error.message).not.toContain("not-a-real-token-123456");
    expect(await count()).toBe(before);
  });

  it.each([
    [{ name: "x", region: "sandbox", token: "" }, "token"],
    [{ name: "x", region: "sandbox", token: "   " }, "token"],
    [{ name: "x", region: "sandbox", token: "abc def" }, "token"],
    [{ name: "x", region: "mars", token: "abcdef" }, "region"],
    [{ name: "", region: "sandbox", token: "abcdef" }, "name"],
    [{ name: "n".repeat(101), region: "sandbox", token: "abcdef" }, "name"],
    [{ name: "x", region: "us", authKind: "access_token", oauthKind: "personal", token: "abcdef" }, "oauthKind"],
    [{ region: "us", token: "abcdef" }, "name"],
  ])("refuses bad input %j before calling Intercom, naming the field", async (input, field) => {
    const before = await count();
    const calls = sandbox.requests().length;
    const error = await caught(createCredential(t.db, orgA, input));
    expect(error.code).toBe("bad_input");
    expect(error.field).toBe(field);
    expect(await count()).toBe(before);
    expect(sandbox.requests().length).toBe(calls);
  });

  it("reports an unreachable Intercom host and stores nothing", async () => {
    const closed = await createSandbox();
    const url = closed.url;
    await closed.close();
    process.env.INTERCOM_SANDBOX_URL = url;
    const before = await count();
    const error = await caught(createCredential(t.db, orgA, { name: "Down", region: "sandbox", token }));
    expect(error.code).toBe("intercom_unreachable");
    expect(error.message).toContain(new URL(url).host);
    expect(await count()).toBe(before);
  });
});

describe("reading credentials", () => {
  it("lists and gets only the organisation's own credentials, never a token", async () => {
    const mine = await createCredential(t.db, orgA, { name: "Listed", region: "sandbox", token });
    const listA = await listCredentials(t.db, orgA);
    expect(listA.map((credential) => credential.id)).toContain(mine.id);
    expect(JSON.stringify(listA)).not.toContain(token);
    expect(JSON.stringify(listA)).not.toContain("v2:itest");
    expect(await listCredentials(t.db, orgB)).toEqual([]);

    expect((await getCredential(t.db, orgA, mine.id)).name).toBe("Listed");
    expect((await caught(getCredential(t.db, orgB, mine.id))).code).toBe("not_found");
    expect((await caught(getCredential(t.db, orgA, "missing"))).status).toBe(404);
  });

  it("loadCredentialToken decrypts for the server, scoped to the organisation", async () => {
    const mine = await createCredential(t.db, orgA, { name: "Loaded", region: "sandbox", token });
    expect(await loadCredentialToken(t.db, orgA, mine.id)).toEqual({
      id: mine.id,
      region: "sandbox",
      baseUrl: sandbox.url,
      token,
      rateLimitPer10s: null,
    });
    expect((await caught(loadCredentialToken(t.db, orgB, mine.id))).code).toBe("not_found");
  });
});

describe("test connection", () => {
  it("tests a saved credential: workspace, admin and region", async () => {
    const mine = await createCredential(t.db, orgA, { name: "Tested", region: "sandbox", token });
    const result = await testCredential(t.db, orgA, mine.id);
    expect(result).toMatchObject({
      ok: true,
      region: "Local sandbox",
      workspaceName: "Acme Support",
      adminName: expectedMe.name,
    });
    expect((await caught(testCredential(t.db, orgB, mine.id))).code).toBe("not_found");
  });

  it("reports a token that stopped working, without throwing", async () => {
    const stale = await createCredential(
      t.db,
      orgA,
      { name: "Stale", region: "sandbox", token: "revoked-token-abcdefgh" },
      { verify: false },
    );
    expect(stale.verifiedAt).toBeNull();
    const result = await testCredential(t.db, orgA, stale.id);
    expect(result).toMatchObject({ ok: false, errorCode: "credential_rejected" });
    expect(result.ok ? "" : result.errorMessage).toContain("Access Token Invalid");
  });

  it("tests unsaved input from the create form", async () => {
    expect(await testConnection({ region: "sandbox", token })).toMatchObject({
      ok: true,
      workspaceName: "Acme Support",
    });
    expect(await testConnection({ region: "sandbox", token: "nope-nope-nope" })).toMatchObject({
      ok: false,
      errorCode: "credential_rejected",
    });
    expect((await caught(testConnection({ region: "moon", token }))).field).toBe("region");
  });
});

describe("deleteCredential", () => {
  it("deletes an unused credential of the organisation only", async () => {
    const mine = await createCredential(t.db, orgA, { name: "To delete", region: "sandbox", token });
    expect((await caught(deleteCredential(t.db, orgB, mine.id))).code).toBe("not_found");
    expect(await t.db.credential.count({ where: { id: mine.id } })).toBe(1);
    await deleteCredential(t.db, orgA, mine.id);
    expect(await t.db.credential.count({ where: { id: mine.id } })).toBe(0);
    expect((await caught(deleteCredential(t.db, orgA, mine.id))).code).toBe("not_found");
  });

  it("refuses while a destination uses it", async () => {
    const used = await createCredential(t.db, orgA, { name: "In use", region: "sandbox", token });
    const source = await t.db.source.create({ data: { organisationId: orgA, kind: "file", name: "file" } });
    const nexset = await t.db.nexset.create({ data: { organisationId: orgA, sourceId: source.id, name: "n" } });
    await t.db.destination.create({
      data: { organisationId: orgA, nexsetId: nexset.id, credentialId: used.id, name: "d", config: {} },
    });
    const error = await caught(deleteCredential(t.db, orgA, used.id));
    expect(error).toMatchObject({ code: "credential_in_use", status: 409 });
    expect(await t.db.credential.count({ where: { id: used.id } })).toBe(1);
  });
});
