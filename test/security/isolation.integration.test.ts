import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import { ingestWebhookRoute } from "@/lib/sources/webhook/webhook-route";
import {
  type CallAnswer,
  callHandler,
  exportedRoutes,
  loadRouteHandler,
  paramNamesOf,
  routeKey,
} from "./support/route-table";
import { type SampleRequest, sampleRequest } from "./support/sample-requests";
import { createSecurityWorld, type SecurityWorld, withoutIds } from "./support/security-world";
import { snapshotTenant, type TenantIds } from "./support/tenant-world";

// Issue 7 item 1, driven by the route registry so routes are covered as they land:
//   - every route with a path parameter, called by organisation A with B's ids → 404, the same
//     answer as for an id that exists nowhere, and nothing of B changes;
//   - ids of B inside a body or query → the same answer as a made-up id; lists never show B;
//   - every non-public route without credentials (or with a bad/revoked key) → 401.
// A control pass then calls each route with A's own ids and expects no 404: the 404s above come
// from organisation scoping, not from a request the route could never accept.

const routes = publicApiRoutes;
const isPublic = (spec: AnyApiRouteSpec) => spec.auth === "public";
const withParams = routes.filter((spec) => paramNamesOf(spec.path).length > 0);
const exercised = {
  foreignPath: new Set<string>(),
  foreignRefs: new Set<string>(),
  unauthenticated: new Set<string>(),
  public: new Set<string>(),
  control: new Set<string>(),
};

let w: SecurityWorld;
let bBefore: string;

beforeAll(async () => {
  w = await createSecurityWorld(routes);
  bBefore = await snapshotTenant(w.t.db, w.b);
}, 120_000);

afterAll(async () => {
  const rows = routes.map((spec) => {
    const key = routeKey(spec);
    const marks = Object.entries(exercised)
      .filter(([, set]) => set.has(key))
      .map(([name]) => name);
    return `${key.padEnd(52)} ${marks.join(", ")}`;
  });
  console.log(`Isolation: ${routes.length} registered routes\n${rows.join("\n")}`);
  await w?.close();
});

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const ctx = () => ({ sandboxToken: w.a.sandboxToken });

function call(spec: AnyApiRouteSpec, request: SampleRequest, headers: Record<string, string>): Promise<CallAnswer> {
  return callHandler(w.handlerFor(spec), {
    method: spec.method,
    path: spec.path,
    ...request,
    headers: w.credentialsFor(spec, { ...request.headers, ...headers }),
  });
}

function describeAnswer(spec: AnyApiRouteSpec, answer: CallAnswer): string {
  return `${routeKey(spec)} answered ${answer.status}: ${answer.text.slice(0, 300)}`;
}

describe("the registry and the route files agree", () => {
  it("every registered route has a handler module exporting its method", () => {
    expect(w.loadErrors).toEqual([]);
  });

  it("every handler under app/api/v1 is in the registry (so these walks cannot miss it)", async () => {
    const registered = new Set(routes.map(routeKey));
    const unregistered = (await exportedRoutes())
      .filter((r) => !registered.has(routeKey(r)))
      .map((r) => `${routeKey(r)} (${r.file})`);
    expect(unregistered).toEqual([]);
  });
});

describe("another organisation's ids in the path → 404, as if they did not exist", () => {
  it.each(withParams.map((spec) => [routeKey(spec), spec] as const))("%s", async (key, spec) => {
    const foreign = await call(spec, sampleRequest(spec, w.b.ids, w.a.ids, ctx()), auth(w.a.apiKey));
    expect(foreign.status, describeAnswer(spec, foreign)).toBe(404);
    const ghost = await call(spec, sampleRequest(spec, w.ghost, w.a.ids, ctx()), auth(w.a.apiKey));
    expect(withoutIds(foreign.text, w.b.ids), "B's real id must answer exactly like an id that exists nowhere").toBe(
      withoutIds(ghost.text, w.ghost),
    );
    expect(foreign.text).not.toContain(w.b.name);
    // With several path ids, each one of B's alongside A's others is refused too.
    const names = paramNamesOf(spec.path);
    if (names.length > 1) {
      const own = sampleRequest(spec, w.a.ids, w.a.ids, ctx());
      const theirs = sampleRequest(spec, w.b.ids, w.a.ids, ctx());
      for (const name of names) {
        const mixed = await call(
          spec,
          { ...own, params: { ...own.params, [name]: theirs.params[name] as string } },
          auth(w.a.apiKey),
        );
        expect(mixed.status, `only {${name}} of B: ${describeAnswer(spec, mixed)}`).toBe(404);
      }
    }
    exercised.foreignPath.add(key);
  });
});

/** Which of the ids a route's sample puts in its body or query (not its path). */
function referencedIdKeys(spec: AnyApiRouteSpec): (keyof TenantIds)[] {
  const probe: TenantIds = {
    credentialId: "c0",
    flowId: "f0",
    sourceId: "s0",
    nexsetId: "n0",
    destinationId: "d0",
    callId: "1",
    errorRecordId: "2",
    sourceRunId: "r0",
  };
  const keys = Object.keys(probe) as (keyof TenantIds)[];
  const sample = (refs: TenantIds) => JSON.stringify(sampleRequest(spec, probe, refs, { sandboxToken: "t" }));
  return keys.filter((key) => sample({ ...probe, [key]: "changed" }) !== sample(probe));
}
const withRefs = routes.filter((spec) => !isPublic(spec) && referencedIdKeys(spec).length > 0);

describe("another organisation's ids inside a body or query → the same answer as a made-up id", () => {
  it.each(withRefs.map((spec) => [`${routeKey(spec)} (${referencedIdKeys(spec).join(", ")})`, spec] as const))(
    "%s",
    async (_label, spec) => {
      for (const idKey of referencedIdKeys(spec)) {
        const foreign = await call(
          spec,
          sampleRequest(spec, w.a.ids, { ...w.a.ids, [idKey]: w.b.ids[idKey] }, ctx()),
          auth(w.a.apiKey),
        );
        const ghost = await call(
          spec,
          sampleRequest(spec, w.a.ids, { ...w.a.ids, [idKey]: w.ghost[idKey] }, ctx()),
          auth(w.a.apiKey),
        );
        const label = `${idKey} of B: ${describeAnswer(spec, foreign)}`;
        expect(foreign.status, label).toBeLessThan(500);
        expect(withoutIds(foreign.text, w.b.ids, w.a.ids), label).toBe(withoutIds(ghost.text, w.ghost, w.a.ids));
      }
      exercised.foreignRefs.add(routeKey(spec));
    },
  );
});

describe("lists and details never show another organisation's objects", () => {
  it.each(routes.filter((s) => s.method === "GET" && !isPublic(s)).map((spec) => [routeKey(spec), spec] as const))(
    "%s",
    async (_key, spec) => {
      const answer = await call(spec, sampleRequest(spec, w.a.ids, w.a.ids, ctx()), auth(w.a.apiKey));
      expect(answer.status, describeAnswer(spec, answer)).toBe(200);
      for (const [idKey, id] of Object.entries(w.b.ids)) {
        if (id.length >= 8) expect(answer.text, `${idKey} of B leaked`).not.toContain(id);
      }
      expect(answer.text).not.toContain(w.b.name);
      expect(answer.text).not.toContain(w.b.email.split("@")[0]);
    },
  );
});

describe("without credentials → 401", () => {
  it.each(routes.filter((s) => !isPublic(s)).map((spec) => [routeKey(spec), spec] as const))(
    "%s",
    async (key, spec) => {
      const request = sampleRequest(spec, w.a.ids, w.a.ids, ctx());
      const variants: Record<string, string>[] = [
        {},
        auth("fg_not_a_real_key_000000000000000000"),
        { authorization: "Basic YTpi" },
        { cookie: "better-auth.session_token=forged.value" },
      ];
      for (const headers of variants) {
        const answer = await call(spec, request, headers);
        expect(answer.status, `${JSON.stringify(headers)}: ${describeAnswer(spec, answer)}`).toBe(401);
        expect(answer.json).toMatchObject({ error: { code: "unauthorized" } });
      }
      // Authentication comes before parsing: a broken body is still just 401.
      if (spec.body)
        expect(
          (
            await call(
              spec,
              { ...request, json: undefined, raw: "{not json", headers: { "content-type": "application/json" } },
              {},
            )
          ).status,
        ).toBe(401);
      exercised.unauthenticated.add(key);
    },
  );

  it("refuses a revoked key on every non-public route", async () => {
    const { createApiKey } = await import("@/lib/api-keys/api-keys");
    const { key, apiKey } = await createApiKey(
      { organisationId: w.a.organisationId, userId: w.a.userId },
      { name: "revoked" },
      w.t.db,
    );
    await revokeApiKey(w.a.organisationId, apiKey.id, w.t.db);
    for (const spec of routes.filter((s) => !isPublic(s))) {
      expect((await call(spec, sampleRequest(spec, w.a.ids, w.a.ids, ctx()), auth(key))).status, routeKey(spec)).toBe(
        401,
      );
    }
  });

  it.each(routes.filter(isPublic).map((spec) => [routeKey(spec), spec] as const))(
    "public route %s answers without credentials",
    async (key, spec) => {
      const answer = await call(spec, sampleRequest(spec, w.a.ids, w.a.ids, ctx()), {});
      expect([200, 503], describeAnswer(spec, answer)).toContain(answer.status);
      exercised.public.add(key);
    },
  );

  it("webhook ingestion: an unknown or another source's-looking token stores nothing", async () => {
    const handler = await loadRouteHandler(ingestWebhookRoute);
    const before = await w.t.db.nexsetRecord.count();
    for (const token of ["nope", `${w.b.webhookToken.slice(0, -4)}aaaa`, "../../api/v1/flows"]) {
      const answer = await callHandler(handler, {
        method: "POST",
        path: ingestWebhookRoute.path,
        params: { token },
        json: [{ email: "x@example.com" }],
      });
      expect(answer.status, token).toBe(401);
    }
    expect(await w.t.db.nexsetRecord.count()).toBe(before);
  });
});

describe("B is untouched, and A's own ids are served (control)", () => {
  it("nothing of organisation B changed through any of the calls above", async () => {
    expect(await snapshotTenant(w.t.db, w.b)).toBe(bBefore);
  });

  // Deletes last, children before parents, so each control call still finds its object.
  const order = ["signing-secret", "destinations/{id}", "sources/{id}", "flows/{id}", "credentials/{id}"];
  const rank = (spec: AnyApiRouteSpec) =>
    spec.method !== "DELETE" ? -1 : order.findIndex((suffix) => spec.path.endsWith(suffix));
  const controls = [...withParams].sort((x, y) => rank(x) - rank(y));

  it.each(controls.map((spec) => [routeKey(spec), spec] as const))(
    "%s with A's own ids is not a 404",
    async (key, spec) => {
      const own = await call(spec, sampleRequest(spec, w.a.ids, w.a.ids, ctx()), auth(w.a.apiKey));
      expect(own.status, describeAnswer(spec, own)).not.toBe(404);
      expect(own.status, describeAnswer(spec, own)).toBeLessThan(500);
      expect([400, 401, 403, 415], describeAnswer(spec, own)).not.toContain(own.status);
      exercised.control.add(key);
    },
  );

  it("exercised every registered route", () => {
    const missing = routes.filter((spec) => {
      const key = routeKey(spec);
      if (isPublic(spec)) return !exercised.public.has(key);
      const pathOk =
        paramNamesOf(spec.path).length === 0 || (exercised.foreignPath.has(key) && exercised.control.has(key));
      return !(pathOk && exercised.unauthenticated.has(key));
    });
    expect(missing.map(routeKey)).toEqual([]);
  });
});
