import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { getAuth } from "@/lib/auth/auth";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { GET as getMe } from "../v1/me/route";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";

const APP = "http://localhost:3999";
let t: TestDatabase;
let cookie: string;
let otherCookie: string;

async function sessionCookie(email: string, password: string): Promise<string> {
  const response = await getAuth().handler(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP },
      body: JSON.stringify({ email, password }),
    }),
  );
  return response.headers
    .getSetCookie()
    .find((c) => c.includes("session_token="))!
    .split(";")[0]!;
}

beforeAll(async () => {
  t = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    FLOWGATE_URL: APP,
  });
  await signUpWithOrganisation(
    { organisationName: "Keys Co", name: "Kim", email: "kim@keys.test", password: "keys password 1" },
    t.db,
  );
  await signUpWithOrganisation(
    { organisationName: "Rival Co", name: "Ray", email: "ray@rival.test", password: "rival password 1" },
    t.db,
  );
  cookie = await sessionCookie("kim@keys.test", "keys password 1");
  otherCookie = await sessionCookie("ray@rival.test", "rival password 1");
});
afterAll(async () => {
  await t.drop();
});

const asUser = (c: string, init: RequestInit = {}) => ({
  ...init,
  headers: { cookie: c, origin: APP, "content-type": "application/json" },
});
const revoke = (id: string, c: string) =>
  DELETE(new Request(`${APP}/api/api-keys/${id}`, asUser(c, { method: "DELETE" })), {
    params: Promise.resolve({ id }),
  });

describe("API keys through the routes, and GET /api/v1/me", () => {
  it("creates a key (shown once), lists it without secrets, authenticates /me with it, and revokes it", async () => {
    const created = await POST(
      new Request(`${APP}/api/api-keys`, asUser(cookie, { method: "POST", body: JSON.stringify({ name: "Zapier" }) })),
    );
    expect(created.status).toBe(201);
    const { key, apiKey } = await created.json();
    expect(key).toMatch(/^fg_[0-9a-f]{8}_/);

    const listed = await (await GET(new Request(`${APP}/api/api-keys`, asUser(cookie)))).json();
    expect(listed.apiKeys).toEqual([expect.objectContaining({ id: apiKey.id, name: "Zapier", revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key.split("_")[2]);

    const me = await getMe(new Request(`${APP}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } }));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      organisation: { id: expect.any(String), name: "Keys Co" },
      authenticatedWith: "api-key",
      user: null,
      apiKey: { id: apiKey.id, name: "Zapier", prefix: apiKey.prefix },
    });

    expect((await revoke(apiKey.id, otherCookie)).status).toBe(404);
    expect((await getMe(new Request(`${APP}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } }))).status).toBe(
      200,
    );
    const revoked = await revoke(apiKey.id, cookie);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revokedAt).toEqual(expect.any(String));
    expect((await getMe(new Request(`${APP}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } }))).status).toBe(
      401,
    );
  });

  it("describes a session caller on /me, and keeps each organisation's list to itself", async () => {
    const me = await (await getMe(new Request(`${APP}/api/v1/me`, { headers: { cookie } }))).json();
    expect(me).toMatchObject({
      authenticatedWith: "session",
      apiKey: null,
      user: { email: "kim@keys.test", role: "owner" },
    });
    const rivals = await (await GET(new Request(`${APP}/api/api-keys`, asUser(otherCookie)))).json();
    expect(rivals.apiKeys).toEqual([]);
  });

  it("refuses key management without a session (401) and with only an API key", async () => {
    expect((await GET(new Request(`${APP}/api/api-keys`))).status).toBe(401);
    const { key } = await (
      await POST(
        new Request(`${APP}/api/api-keys`, asUser(cookie, { method: "POST", body: JSON.stringify({ name: "k" }) })),
      )
    ).json();
    const viaKey = await POST(
      new Request(`${APP}/api/api-keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(viaKey.status).toBe(401);
  });
});
