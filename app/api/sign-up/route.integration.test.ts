import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { getSessionFromHeaders } from "@/lib/auth/session";
import { POST } from "./route";

const APP = "http://localhost:3999";
let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    FLOWGATE_URL: APP,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
  });
});
afterAll(async () => {
  await t.drop();
});

const signUp = (body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request(`${APP}/api/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const counts = async () => [await t.db.organisation.count(), await t.db.user.count(), await t.db.account.count()];
const valid = { organisationName: "Route Co", name: "Rita", email: "rita@example.com", password: "route password 1" };

describe("POST /api/sign-up", () => {
  it("creates the organisation and user, answers 201 and signs the user in", async () => {
    const response = await signUp(valid);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ userId: expect.any(String), organisationId: expect.any(String) });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    const session = await getSessionFromHeaders(new Headers({ cookie: cookie.split(";")[0]! }));
    expect(session?.user).toMatchObject({ id: body.userId, organisationId: body.organisationId, role: "owner" });
  });

  it.each([
    ["a taken email", { ...valid, organisationName: "Dup Co", email: "RITA@example.com" }, 409, "email"],
    ["a weak password", { ...valid, email: "weak@example.com", password: "password" }, 400, "password"],
    ["a missing field", { email: "m@example.com", password: "route password 1" }, 400, "organisationName"],
  ])("refuses %s with a 4xx naming the field, writing nothing", async (_why, body, status, field) => {
    const before = await counts();
    const response = await signUp(body);
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("refuses malformed JSON, a non-object body, and a cross-site form, writing nothing", async () => {
    const before = await counts();
    const malformed = await signUp('{"email": "x@example.com",');
    expect([malformed.status, (await malformed.json()).error.code]).toEqual([400, "invalid_json"]);
    expect((await signUp("[1,2,3]")).status).toBe(400);
    expect((await signUp({ ...valid, email: "csrf@example.com" }, { origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect(await counts()).toEqual(before);
  });
});
