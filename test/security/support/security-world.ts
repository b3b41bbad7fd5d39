import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import type { RouteHandler } from "@/lib/api/with-api";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { closeQueues } from "@/lib/queue/queues";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { APP_URL, loadRouteHandler, routeKey } from "./route-table";
import { seedTenant, type Tenant, type TenantIds } from "./tenant-world";

// The shared set-up of the registry-driven security tests: a private database and Redis prefix,
// the Intercom sandbox in-process, two organisations with one of every object, and every
// registered route's handler. The environment is set BEFORE any route module is imported,
// because db(), the queues and the auth instance are process-wide and read it on first use.

export interface SecurityWorld {
  t: TestDatabase;
  sandbox: Sandbox;
  a: Tenant;
  b: Tenant;
  /** Ids that exist nowhere, shaped like real ones. */
  ghost: TenantIds;
  env: Record<string, string>;
  handlers: Map<string, RouteHandler>;
  /** Registered routes whose handler could not be loaded, with the reason. */
  loadErrors: string[];
  handlerFor(spec: AnyApiRouteSpec): RouteHandler;
  /**
   * Session-only routes (the browser's OAuth flow) take no API key: there, a tenant's API key is
   * swapped for that tenant's signed-in session, so every walk reaches them as that tenant.
   */
  credentialsFor(spec: AnyApiRouteSpec, headers: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

async function sessionCookie(tenant: Tenant): Promise<string> {
  const { getAuth } = await import("@/lib/auth/auth");
  const signIn = await getAuth().handler(
    new Request(`${APP_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL },
      body: JSON.stringify({ email: tenant.email, password: tenant.password }),
    }),
  );
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.includes("session_token="))
    ?.split(";")[0];
  if (!cookie) throw new Error(`${tenant.name} could not sign in (${signIn.status})`);
  return cookie;
}

const saved = new Map<string, string | undefined>();

function setEnv(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    process.env[key] = value;
  }
}

export async function createSecurityWorld(
  routes: readonly AnyApiRouteSpec[],
  opts: { sandboxTokenA?: string } = {},
): Promise<SecurityWorld> {
  const t = await freshDatabase();
  const sandbox = await createSandbox({ port: 0, logger: { error: () => undefined } });
  const env = {
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
    INTERCOM_SANDBOX_URL: sandbox.url,
    FLOWGATE_ENCRYPTION_KEYS: `sec:${randomBytes(32).toString("base64")}`,
    BETTER_AUTH_SECRET: `security-tests-${randomBytes(16).toString("hex")}`,
    FLOWGATE_URL: APP_URL,
    INTERCOM_SANDBOX_OAUTH_CLIENT_ID: "security-tests-client",
    INTERCOM_SANDBOX_OAUTH_CLIENT_SECRET: "security-tests-secret",
  };
  setEnv(env);
  resetKeyringCache();
  const a = await seedTenant(t.db, sandbox, "A", { sandboxToken: opts.sandboxTokenA });
  const b = await seedTenant(t.db, sandbox, "B");
  const cookies = new Map([
    [a.apiKey, await sessionCookie(a)],
    [b.apiKey, await sessionCookie(b)],
  ]);
  const ghost: TenantIds = {
    credentialId: "cmghost000credential0000",
    flowId: "cmghost000flow00000000000",
    sourceId: "cmghost000source000000000",
    nexsetId: "cmghost000nexset000000000",
    destinationId: "cmghost000destination0000",
    callId: "987654321",
    errorRecordId: "987654322",
    sourceRunId: "cmghost000run000000000000",
  };

  const handlers = new Map<string, RouteHandler>();
  const loadErrors: string[] = [];
  for (const spec of routes) {
    try {
      handlers.set(routeKey(spec), await loadRouteHandler(spec));
    } catch (error) {
      loadErrors.push((error as Error).message);
    }
  }
  return {
    t,
    sandbox,
    a,
    b,
    ghost,
    env,
    handlers,
    loadErrors,
    handlerFor(spec) {
      const handler = handlers.get(routeKey(spec));
      if (!handler) throw new Error(`No handler loaded for ${routeKey(spec)}`);
      return handler;
    },
    credentialsFor(spec, headers) {
      const key = headers.authorization?.replace(/^Bearer /, "");
      const cookie = key === undefined ? undefined : cookies.get(key);
      if (spec.auth !== "session" || !cookie) return headers;
      const { authorization: _key, ...rest } = headers;
      return { ...rest, cookie, origin: APP_URL };
    },
    async close() {
      await closeQueues();
      await closeIntercomDispatcher();
      await sandbox.close();
      const { db } = await import("@/lib/db/client");
      await db().$disconnect();
      const { producerRedis } = await import("@/lib/redis/connection");
      producerRedis().disconnect();
      await t.drop();
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      saved.clear();
      resetKeyringCache();
    },
  };
}

/** Replaces every id of these tenants in a text with a placeholder, to compare two answers. */
export function withoutIds(text: string, ...idSets: TenantIds[]): string {
  let out = text;
  for (const ids of idSets) {
    for (const id of Object.values(ids)) out = out.replace(new RegExp(`(?<![\\w-])${id}(?![\\w-])`, "g"), "<id>");
  }
  return out.replace(/"requestId":"[^"]+"/g, '"requestId":"<rid>"').replace(/Reference: [\w-]+/g, "Reference: <rid>");
}

/** Registers a world built before this file's tests and closed after them; read it through the getter. */
export function securityWorldForFile(routes: readonly AnyApiRouteSpec[]): () => SecurityWorld {
  let world: SecurityWorld | undefined;
  beforeAll(async () => {
    world = await createSecurityWorld(routes);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error("The security world is not ready (used outside a test?)");
    return world;
  };
}
