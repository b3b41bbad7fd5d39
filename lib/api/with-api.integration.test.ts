import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { getAuth } from "@/lib/auth/auth";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { DomainError } from "@/lib/errors";
import { withApi } from "./with-api";

const APP = "http://localhost:3999";
let t: TestDatabase;
let org: { organisationId: string; userId: string };
let cookie: string;
let apiKey: string;

beforeAll(async () => {
  t = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    FLOWGATE_URL: APP,
  });
  org = await signUpWithOrganisation(
    { organisationName: "Wrapped", name: "W", email: "w@example.com", password: "wrapped password 1" },
    t.db,
  );
  const signIn = await getAuth().handler(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP },
      body: JSON.stringify({ email: "w@example.com", password: "wrapped password 1" }),
    }),
  );
  cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.includes("session_token="))!
    .split(";")[0]!;
  apiKey = (await createApiKey(org, { name: "test" }, t.db)).key;
});
afterAll(async () => {
  await t.drop();
});

const echoOrg = withApi({ auth: "session-or-api-key" }, ({ org }) => ({ org }));
const sessionOnly = withApi({ auth: "session" }, ({ org }) => ({ userId: org.userId }));
const apiKeyOnly = withApi({ auth: "api-key" }, ({ org }) => ({ apiKeyId: org.apiKeyId }));

const batchingBody = z.object({
  config: z.object({ batching: z.object({ size: z.number().int().min(1).max(1000) }) }),
});
const handlerSpy = vi.fn((size: number) => ({ size }));
const postBatching = withApi({ auth: "session-or-api-key", body: batchingBody }, ({ body }) =>
  handlerSpy(body.config.batching.size),
);

function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return new Request(`${APP}${path}`, init);
}
const jsonPost = (body: string, headers: Record<string, string>) =>
  request("/api/v1/things", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("withApi: authentication", () => {
  it("answers 401 JSON without credentials, in every mode", async () => {
    for (const handler of [echoOrg, sessionOnly, apiKeyOnly]) {
      const response = await handler(request("/api/v1/x"));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("accepts a session cookie and an API key, each to the right organisation", async () => {
    const bySession = await echoOrg(request("/api/v1/x", { headers: { cookie } }));
    expect(await bySession.json()).toEqual({
      org: { organisationId: org.organisationId, userId: org.userId, sessionId: expect.any(String), via: "session" },
    });
    const byKey = await echoOrg(request("/api/v1/x", { headers: { authorization: `Bearer ${apiKey}` } }));
    expect(await byKey.json()).toMatchObject({
      org: { organisationId: org.organisationId, via: "api-key", apiKeyId: expect.any(String) },
    });
  });

  it("keeps session-only routes from API keys and API-key-only routes from cookies", async () => {
    expect((await sessionOnly(request("/x", { headers: { authorization: `Bearer ${apiKey}` } }))).status).toBe(401);
    expect((await apiKeyOnly(request("/x", { headers: { cookie } }))).status).toBe(401);
  });

  it("refuses a revoked key, and a bad key even alongside a good cookie", async () => {
    const { key, apiKey: created } = await createApiKey(org, { name: "soon revoked" }, t.db);
    await revokeApiKey(org.organisationId, created.id, t.db);
    expect((await echoOrg(request("/x", { headers: { authorization: `Bearer ${key}` } }))).status).toBe(401);
    expect((await echoOrg(request("/x", { headers: { authorization: "Bearer nonsense", cookie } }))).status).toBe(401);
  });
});

describe("withApi: CSRF origin check", () => {
  const body = JSON.stringify({ config: { batching: { size: 5 } } });

  it("refuses a cookie-authenticated POST from another origin (403) without running the handler", async () => {
    handlerSpy.mockClear();
    const response = await postBatching(jsonPost(body, { cookie, origin: "https://evil.example" }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden_origin");
    expect((await postBatching(jsonPost(body, { cookie, origin: "null" }))).status).toBe(403);
    expect((await postBatching(jsonPost(body, { cookie }))).status).toBe(403);
    expect(handlerSpy).not.toHaveBeenCalled();
  });

  it("accepts our own origin (or Sec-Fetch-Site: same-origin), and API keys from anywhere", async () => {
    expect((await postBatching(jsonPost(body, { cookie, origin: APP }))).status).toBe(200);
    expect((await postBatching(jsonPost(body, { cookie, "sec-fetch-site": "same-origin" }))).status).toBe(200);
    expect((await postBatching(jsonPost(body, { cookie, origin: "http://127.0.0.1:3999" }))).status).toBe(200);
    expect(
      (await postBatching(jsonPost(body, { authorization: `Bearer ${apiKey}`, origin: "https://evil.example" })))
        .status,
    ).toBe(200);
  });

  it("leaves safe methods alone", async () => {
    expect((await echoOrg(request("/x", { headers: { cookie, origin: "https://evil.example" } }))).status).toBe(200);
  });
});

describe("withApi: parsing", () => {
  const withAuth = () => ({ authorization: `Bearer ${apiKey}` });

  it("names the offending field by its dotted path (400) and does not run the handler", async () => {
    handlerSpy.mockClear();
    const response = await postBatching(jsonPost(JSON.stringify({ config: { batching: { size: 0 } } }), withAuth()));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_input");
    expect(error.issues).toEqual([{ path: "config.batching.size", message: expect.any(String) }]);
    expect(error.message).toContain("config.batching.size");
    expect(handlerSpy).not.toHaveBeenCalled();
  });

  it("answers malformed JSON with 400 invalid_json, a non-JSON body with 415, a missing body with 400", async () => {
    const malformed = await postBatching(jsonPost('{"config": {', withAuth()));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({
      code: "invalid_json",
      message: expect.stringMatching(/not valid JSON/),
    });
    const form = await postBatching(
      request("/x", {
        method: "POST",
        body: "config=1",
        headers: { "content-type": "application/x-www-form-urlencoded", ...withAuth() },
      }),
    );
    expect(form.status).toBe(415);
    const empty = await postBatching(jsonPost("", withAuth()));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.issues[0].path).toBe("");
  });

  it("refuses a body over the size limit with 413", async () => {
    const small = withApi(
      { auth: "api-key", body: z.object({ s: z.string() }), maxBodyBytes: 100 },
      ({ body }) => body,
    );
    const response = await small(jsonPost(JSON.stringify({ s: "x".repeat(200) }), withAuth()));
    expect(response.status).toBe(413);
  });

  it("parses query and route params, naming the bad one", async () => {
    const handler = withApi(
      {
        auth: "api-key",
        query: z.object({ limit: z.coerce.number().int().max(100), tag: z.array(z.string()).optional() }),
        params: z.object({ flowId: z.string().regex(/^c[a-z0-9]+$/) }),
      },
      ({ query, params }) => ({ query, params }),
    );
    const ok = await handler(request("/x?limit=5&tag=a&tag=b", { headers: withAuth() }), {
      params: Promise.resolve({ flowId: "cabc123" }),
    });
    expect(await ok.json()).toEqual({ query: { limit: 5, tag: ["a", "b"] }, params: { flowId: "cabc123" } });
    const badQuery = await handler(request("/x?limit=500", { headers: withAuth() }), {
      params: Promise.resolve({ flowId: "cabc123" }),
    });
    expect((await badQuery.json()).error.issues[0].path).toBe("limit");
    const badParam = await handler(request("/x?limit=5", { headers: withAuth() }), {
      params: Promise.resolve({ flowId: "../etc" }),
    });
    expect(badParam.status).toBe(400);
    expect((await badParam.json()).error.issues[0].path).toBe("flowId");
  });
});

describe("withApi: errors and answers", () => {
  const headers = () => ({ authorization: `Bearer ${apiKey}` });

  it("maps a DomainError to its status, code and field", async () => {
    const handler = withApi({ auth: "api-key" }, () => {
      throw new DomainError("flow_not_draft", "Only a draft flow can be edited.", { status: 409, field: "status" });
    });
    const response = await handler(request("/x", { headers: headers() }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: "flow_not_draft",
        message: "Only a draft flow can be edited.",
        field: "status",
        issues: [{ path: "status", message: "Only a draft flow can be edited." }],
      },
    });
  });

  it("answers any other error with 500, a request id and no internals", async () => {
    const handler = withApi({ auth: "api-key" }, () => {
      throw new Error("connection to 10.0.0.5 refused; token=sk_live_secret");
    });
    const response = await handler(request("/x", { headers: headers() }));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/10\.0\.0\.5|sk_live_secret|at .*\.ts/);
    const { error } = JSON.parse(text);
    expect(error.code).toBe("internal");
    expect(error.requestId).toBe(response.headers.get("x-request-id"));
    expect(error.message).toContain(error.requestId);
  });

  it("serialises BigInt, answers 204 for undefined, and passes a Response through", async () => {
    const big = withApi({ auth: "public" }, () => ({ delivered: 2n ** 64n }));
    expect(await (await big(request("/x"))).json()).toEqual({ delivered: "18446744073709551616" });
    const none = withApi({ auth: "public" }, () => undefined);
    expect((await none(request("/x"))).status).toBe(204);
    const raw = withApi({ auth: "public" }, () => new Response("plain", { status: 202 }));
    const response = await raw(request("/x"));
    expect([response.status, await response.text()]).toEqual([202, "plain"]);
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("parses the answer with the response schema: unknown fields (secrets) never leave", async () => {
    const handler = withApi({ auth: "public", response: z.object({ id: z.string() }), status: 201 }, () => ({
      id: "k1",
      keyHash: "abc",
    }));
    const response = await handler(request("/x"));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: "k1" });
    const wrong = withApi({ auth: "public", response: z.object({ id: z.string() }) }, () => ({ id: 5 }) as never);
    expect((await wrong(request("/x"))).status).toBe(500);
  });

  it("origin-checks public writes that ask for it (sign-up)", async () => {
    const handler = withApi({ auth: "public", originCheck: true }, () => ({ ok: true }));
    expect((await handler(request("/x", { method: "POST", headers: { origin: "https://evil.example" } }))).status).toBe(
      403,
    );
    expect((await handler(request("/x", { method: "POST", headers: { origin: APP } }))).status).toBe(200);
  });
});
