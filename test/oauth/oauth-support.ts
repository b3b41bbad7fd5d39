import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { RouteHandler } from "@/lib/api/with-api";
import { getAuth } from "@/lib/auth/auth";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import type { Db } from "@/lib/db/client";
import type { Sandbox } from "@/sandbox/server";

// Connect with Intercom as a person would, through the route handlers and the sandbox's consent
// page, for the OAuth integration tests.

export const APP = "http://localhost:3999";
export const CALLBACK = `${APP}/api/oauth/intercom/callback`;
export const DEMO_CLIENT = { clientId: "flowgate-test-client", clientSecret: "flowgate-test-secret" };

export interface Person {
  organisationId: string;
  userId: string;
  cookie: string;
  email: string;
  password: string;
}

/** Environment for the web app's code paths: database, app URL, sandbox region and its OAuth app. */
export function oauthTestEnv(databaseUrl: string, sandbox: Sandbox): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    FLOWGATE_URL: APP,
    FLOWGATE_ENCRYPTION_KEYS: `oauth:${randomBytes(32).toString("base64")}`,
    INTERCOM_SANDBOX_URL: sandbox.url,
    INTERCOM_SANDBOX_OAUTH_CLIENT_ID: DEMO_CLIENT.clientId,
    INTERCOM_SANDBOX_OAUTH_CLIENT_SECRET: DEMO_CLIENT.clientSecret,
  };
}

export function registerDemoClient(sandbox: Sandbox): void {
  sandbox.createOAuthApp({
    ...DEMO_CLIENT,
    name: "Flowgate (test)",
    permissions: ["Read and list users and companies", "Write users and companies"],
    redirectUrls: [CALLBACK],
  });
}

/** Signs a person up (into `organisationId` when given) and signs them in: their session cookie. */
export async function signedInPerson(db: Db, label: string, organisationId?: string): Promise<Person> {
  const tag = randomBytes(4).toString("hex");
  const email = `${label}-${tag}@example.com`;
  const password = `${label} password ${tag}`;
  const created = await signUpWithOrganisation({ organisationName: `${label} org`, name: label, email, password }, db);
  if (organisationId) await db.user.update({ where: { id: created.userId }, data: { organisationId } });
  const cookie = await signIn(email, password);
  return { organisationId: organisationId ?? created.organisationId, userId: created.userId, cookie, email, password };
}

/** A new sign-in (another session) for someone who already has an account: its session cookie. */
export async function signIn(email: string, password: string): Promise<string> {
  const signIn = await getAuth().handler(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.includes("session_token="))
    ?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed for ${email}: ${signIn.status}`);
  return cookie;
}

export async function callJson(
  handler: RouteHandler,
  person: Person,
  path: string,
  init: { method?: string; json?: unknown; params?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(
    new Request(`${APP}${path}`, {
      method: init.method ?? "GET",
      headers: { cookie: person.cookie, origin: APP, "content-type": "application/json" },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** On the sandbox's consent page: Authorize access (or Cancel); where Intercom sends the browser back. */
export async function consent(
  authorizeUrl: string,
  decision: "allow" | "deny" = "allow",
  workspace = "",
): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  const appId = new RegExp(`<option value="([^"]+)">${workspace}`).exec(html)?.[1] ?? "";
  const form = new URLSearchParams({
    client_id: field("client_id"),
    state: field("state"),
    redirect_uri: field("redirect_uri"),
    app_id: appId,
    decision,
  });
  const answer = await fetch(new URL("/oauth/decision", authorizeUrl), {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
}

/** The browser arriving at the callback with this person's cookie: where Flowgate sends it next. */
export async function arriveAtCallback(handler: RouteHandler, person: Person, back: URL): Promise<URL> {
  const response = await handler(
    new Request(`${APP}${back.pathname}${back.search}`, { headers: { cookie: person.cookie } }),
  );
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "", APP);
}
