import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { createAuth, getAuth } from "./auth";
import { getSessionFromHeaders } from "./session";
import { signUpWithOrganisation } from "./sign-up";

const APP = "http://localhost:3999";
let t: TestDatabase;
let organisationId: string;

beforeAll(async () => {
  t = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    FLOWGATE_URL: APP,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
    FLOWGATE_TRUSTED_PROXIES: "1",
  });
  ({ organisationId } = await signUpWithOrganisation(
    { organisationName: "Sign-in Co", name: "Grace Hopper", email: "grace@example.com", password: "cobol compiler 59" },
    t.db,
  ));
});
afterAll(async () => {
  await t.drop();
});

function signIn(
  email: string,
  password: string,
  extraHeaders: Record<string, string> = {},
  base = APP,
  auth = getAuth(),
) {
  return auth.handler(
    new Request(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...extraHeaders },
      body: JSON.stringify({ email, password }),
    }),
  );
}

const sessionCookieOf = (response: Response) =>
  response.headers.getSetCookie().find((c) => c.includes("session_token="));
const cookieHeader = (setCookie: string) => setCookie.split(";")[0]!;

describe("sign-in", () => {
  it("signs in with the sign-up password and sets an HttpOnly, SameSite=Lax session cookie (not Secure on http)", async () => {
    const response = await signIn("Grace@Example.com", "cobol compiler 59", { "x-forwarded-for": "192.0.2.1" });
    expect(response.status).toBe(200);
    const cookie = sessionCookieOf(response)!;
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);

    const session = await getSessionFromHeaders(new Headers({ cookie: cookieHeader(cookie) }));
    expect(session?.user).toMatchObject({ email: "grace@example.com", organisationId, role: "owner" });
    expect(await getSessionFromHeaders(new Headers())).toBeNull();
    expect(await getSessionFromHeaders(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
  });

  it("refuses a wrong password with 401", async () => {
    const response = await signIn("grace@example.com", "wrong password 1", { "x-forwarded-for": "192.0.2.2" });
    expect(response.status).toBe(401);
    expect(sessionCookieOf(response)).toBeUndefined();
  });

  it("signs out: the cookie stops working", async () => {
    const cookie = cookieHeader(
      sessionCookieOf(await signIn("grace@example.com", "cobol compiler 59", { "x-forwarded-for": "192.0.2.3" }))!,
    );
    const out = await getAuth().handler(
      new Request(`${APP}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: APP } }),
    );
    expect(out.status).toBe(200);
    expect(await getSessionFromHeaders(new Headers({ cookie }))).toBeNull();
  });

  it("parses the body with the sign-in form's schema: 400 naming the field", async () => {
    const response = await signIn("not-an-email", "whatever", { "x-forwarded-for": "192.0.2.4" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "invalid_input",
      issues: [{ path: "email", message: expect.any(String) }],
    });
  });

  it("refuses sign-up through better-auth's own endpoint (users only come with an organisation)", async () => {
    const before = await t.db.user.count();
    const response = await getAuth().handler(
      new Request(`${APP}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP },
        body: JSON.stringify({ name: "x", email: "direct@example.com", password: "direct sign up 1", organisationId }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await t.db.user.count()).toBe(before);
  });

  it("slows down after 5 failures per address and email: 429 with Retry-After, other addresses unaffected", async () => {
    const ip = { "x-forwarded-for": "198.51.100.77" };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn("grace@example.com", `guess number ${i}`, ip)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await signIn("grace@example.com", "cobol compiler 59", ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ message: expect.stringMatching(/Too many failed sign-in attempts/) });
    // Another address is not slowed by this one's guesses.
    expect(
      (await signIn("grace@example.com", "cobol compiler 59", { "x-forwarded-for": "198.51.100.78" })).status,
    ).toBe(200);
  });

  it("marks the cookie Secure (and __Secure- prefixed) when the app URL is https", async () => {
    process.env.FLOWGATE_URL = "https://flowgate.example.com";
    try {
      const httpsAuth = createAuth(t.db);
      const response = await signIn(
        "grace@example.com",
        "cobol compiler 59",
        { "x-forwarded-for": "192.0.2.9" },
        "https://flowgate.example.com",
        httpsAuth,
      );
      expect(response.status).toBe(200);
      const cookie = sessionCookieOf(response)!;
      expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    } finally {
      process.env.FLOWGATE_URL = APP;
    }
  });
});
