import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import { getAuth } from "@/lib/auth/auth";
import { APP_URL, type CallAnswer, callHandler, loadRouteHandler, routeKey } from "./support/route-table";
import { type SampleRequest, sampleRequest } from "./support/sample-requests";
import { createSecurityWorld, type SecurityWorld } from "./support/security-world";
import { snapshotTenant } from "./support/tenant-world";

// Issue 7 item 5 (CSRF): a browser sends the session cookie along on a cross-site request, so every
// state-changing route answers 403 to a cookie-authenticated request whose Origin is not the app's
// — before doing anything. Driven by the registry; the routes outside /api/v1 are listed below.
// Cookie flags and sign-in throttling are proven in lib/auth/sign-in.integration.test.ts.

const stateChanging = publicApiRoutes.filter((spec) => spec.method !== "GET" && spec.auth !== "public");
let w: SecurityWorld;
let cookie: string;
let setCookie: string;

beforeAll(async () => {
  w = await createSecurityWorld(publicApiRoutes);
  const signIn = await getAuth().handler(
    new Request(`${APP_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL, "x-forwarded-for": "203.0.113.50" },
      body: JSON.stringify({ email: w.a.email, password: w.a.password }),
    }),
  );
  setCookie = signIn.headers.getSetCookie().find((c) => c.includes("session_token=")) ?? "";
  cookie = setCookie.split(";")[0] ?? "";
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const ctx = () => ({ sandboxToken: w.a.sandboxToken });
const call = (spec: AnyApiRouteSpec, request: SampleRequest, headers: Record<string, string>): Promise<CallAnswer> =>
  callHandler(w.handlerFor(spec), {
    method: spec.method,
    path: spec.path,
    ...request,
    headers: { ...request.headers, ...headers },
  });

const FOREIGN: Record<string, Record<string, string>> = {
  "another site's Origin": { origin: "https://evil.example" },
  "a lookalike Origin": { origin: "http://localhost:3997.evil.example" },
  "another port on the same host": { origin: "http://localhost:4000" },
  "Origin: null (sandboxed iframe, data: URL)": { origin: "null" },
  "no Origin, Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site" },
  "no Origin and no Sec-Fetch-Site": {},
};

describe("the session cookie", () => {
  it("was issued HttpOnly and SameSite=Lax, and signs A in", async () => {
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    const me = publicApiRoutes.find((s) => s.path === "/api/v1/me")!;
    const answer = await call(me, { params: {} }, { cookie });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(w.a.organisationId);
  });
});

describe("cookie-authenticated writes from another origin → 403, nothing written", () => {
  it.each(stateChanging.map((spec) => [routeKey(spec), spec] as const))("%s", async (_key, spec) => {
    const before = await snapshotTenant(w.t.db, w.a);
    const request = sampleRequest(spec, w.a.ids, w.a.ids, ctx());
    for (const [label, headers] of Object.entries(FOREIGN)) {
      const answer = await call(spec, request, { cookie, ...headers });
      expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBe(403);
      expect(answer.json).toMatchObject({ error: { code: "forbidden_origin" } });
    }
    expect(await snapshotTenant(w.t.db, w.a)).toBe(before);
  });

  it("lets the same writes through from the app's own origin (control), and reads from anywhere", async () => {
    const rename = stateChanging.find((s) => s.method === "PUT" && s.path === "/api/v1/flows/{id}")!;
    const own = await call(rename, sampleRequest(rename, w.a.ids, w.a.ids, ctx()), { cookie, origin: APP_URL });
    expect(own.status).toBe(200);
    const sameSite = await call(rename, sampleRequest(rename, w.a.ids, w.a.ids, ctx()), {
      cookie,
      "sec-fetch-site": "same-origin",
    });
    expect(sameSite.status).toBe(200);
    const read = publicApiRoutes.find((s) => s.method === "GET" && s.path === "/api/v1/flows/{id}")!;
    const crossRead = await call(read, sampleRequest(read, w.a.ids, w.a.ids, ctx()), {
      cookie,
      origin: "https://evil.example",
    });
    // A cross-site read is harmless only because no CORS header lets the other site see the answer.
    expect(crossRead.status).toBe(200);
    expect(crossRead.headers.get("access-control-allow-origin")).toBeNull();
    expect(crossRead.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("API-key writes need no Origin (no cookie rides along cross-site)", async () => {
    const rename = stateChanging.find((s) => s.method === "PUT" && s.path === "/api/v1/flows/{id}")!;
    const answer = await call(rename, sampleRequest(rename, w.a.ids, w.a.ids, ctx()), {
      authorization: `Bearer ${w.a.apiKey}`,
      origin: "https://evil.example",
    });
    expect(answer.status).toBe(200);
  });
});

describe("writes outside /api/v1", () => {
  it("API keys: creating and revoking from another origin → 403, no key made", async () => {
    const keys = await loadRouteHandler({ method: "POST", path: "/api/api-keys" });
    const revoke = await loadRouteHandler({ method: "DELETE", path: "/api/api-keys/{id}" });
    const before = await w.t.db.apiKey.count();
    const created = await callHandler(keys, {
      method: "POST",
      path: "/api/api-keys",
      json: { name: "csrf" },
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(created.status).toBe(403);
    const revoked = await callHandler(revoke, {
      method: "DELETE",
      path: "/api/api-keys/{id}",
      params: { id: w.a.apiKeyId },
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(revoked.status).toBe(403);
    expect(await w.t.db.apiKey.count()).toBe(before);
    expect((await w.t.db.apiKey.findUniqueOrThrow({ where: { id: w.a.apiKeyId } })).revokedAt).toBeNull();
  });

  it("sign-up from another origin → 403 (login CSRF), nothing written", async () => {
    const signUp = await loadRouteHandler({ method: "POST", path: "/api/sign-up" });
    const users = await w.t.db.user.count();
    const answer = await callHandler(signUp, {
      method: "POST",
      path: "/api/sign-up",
      json: { organisationName: "Evil", name: "Eve", email: "eve@evil.example", password: "evil password 123" },
      headers: { origin: "https://evil.example" },
    });
    expect(answer.status).toBe(403);
    expect(await w.t.db.user.count()).toBe(users);
  });

  // better-auth checks Origin on sign-in only when the browser says where the request came from
  // (Fetch Metadata, sent by every current browser) or a cookie rides along; see SECURITY.md.
  it.each([
    [
      "a cross-site form post",
      { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" },
    ],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" }],
  ])("better-auth's sign-in refuses %s from another origin (login CSRF)", async (_label, fetchMetadata) => {
    const signIn = await getAuth().handler(
      new Request(`${APP_URL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "https://evil.example",
          "x-forwarded-for": "203.0.113.51",
          ...fetchMetadata,
        },
        body: JSON.stringify({ email: w.a.email, password: w.a.password }),
      }),
    );
    expect(signIn.status).toBe(403);
    expect(signIn.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(false);
  });

  it("better-auth's sign-out refuses another origin: the session survives", async () => {
    const signOut = await getAuth().handler(
      new Request(`${APP_URL}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie, origin: "https://evil.example" },
      }),
    );
    expect(signOut.status).toBe(403);
    const { getSessionFromHeaders } = await import("@/lib/auth/session");
    expect(await getSessionFromHeaders(new Headers({ cookie }))).not.toBeNull();
  });
});
