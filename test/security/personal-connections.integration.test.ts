import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { getDestinationOverview } from "@/lib/delivery/monitoring/get-destination-overview";
import { createIntercomSource } from "@/lib/sources/intercom/create-intercom-source";
import { type CallAnswer, callHandler, paramNamesOf, routeKey } from "./support/route-table";
import { sampleRequest } from "./support/sample-requests";
import { createSecurityWorld, type SecurityWorld, withoutIds } from "./support/security-world";

// Issue 16: a personal connection is its creator's only. Organisation A's connection is made
// personal to A's owner; a colleague in the same organisation (session or their own API key) then
// meets it on every route exactly like a connection that exists nowhere. Its creator still can.

const routes = publicApiRoutes;
let w: SecurityWorld;
let colleagueKey: string;
let colleagueId: string;
const GHOST_CREDENTIAL = "cmghost000credential0000";

beforeAll(async () => {
  w = await createSecurityWorld(routes);
  await w.t.db.credential.update({
    where: { id: w.a.ids.credentialId },
    data: { authKind: "oauth", oauthKind: "personal", createdById: w.a.userId },
  });
  const colleague = await signUpWithOrganisation(
    {
      organisationName: "Elsewhere",
      name: "Colleague",
      email: `colleague-${Date.now()}@a.test`,
      password: "colleague pw 123",
    },
    w.t.db,
  );
  await w.t.db.user.update({ where: { id: colleague.userId }, data: { organisationId: w.a.organisationId } });
  colleagueId = colleague.userId;
  colleagueKey = (
    await createApiKey({ organisationId: w.a.organisationId, userId: colleague.userId }, { name: "colleague" }, w.t.db)
  ).key;
}, 120_000);
afterAll(() => w?.close());

function call(spec: AnyApiRouteSpec, key: string, credentialId: string, inPath: boolean): Promise<CallAnswer> {
  const ids = { ...w.a.ids, credentialId };
  const request = sampleRequest(spec, inPath ? ids : w.a.ids, ids, { sandboxToken: w.a.sandboxToken });
  return callHandler(w.handlerFor(spec), {
    method: spec.method,
    path: spec.path,
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${key}` },
  });
}

const credentialPathRoutes = routes.filter(
  (s) => s.path.startsWith("/api/v1/credentials/{id}") && s.auth !== "session" && s.method !== "DELETE",
);
/** Routes whose sample request names a credential in its body or query. */
const credentialRefRoutes = routes.filter((spec) => {
  if (spec.auth === "public" || spec.auth === "session" || paramNamesOf(spec.path).includes("id")) return false;
  const probe = (credentialId: string) =>
    JSON.stringify(sampleRequest(spec, w?.a.ids ?? ({} as never), { credentialId } as never, { sandboxToken: "t" }));
  try {
    return probe("one") !== probe("two");
  } catch {
    return false;
  }
});

describe("another user's personal connection", () => {
  it("is not listed for the colleague, and is for its creator", async () => {
    const list = routes.find((s) => routeKey(s) === "GET /api/v1/credentials")!;
    expect((await call(list, colleagueKey, w.a.ids.credentialId, false)).text).not.toContain(w.a.ids.credentialId);
    expect((await call(list, w.a.apiKey, w.a.ids.credentialId, false)).text).toContain(w.a.ids.credentialId);
  });

  it.each(credentialPathRoutes.map((s) => [routeKey(s), s] as const))(
    "%s → 404 for the colleague",
    async (_k, spec) => {
      const foreign = await call(spec, colleagueKey, w.a.ids.credentialId, true);
      expect(foreign.status, foreign.text).toBe(404);
      const ghost = await call(spec, colleagueKey, GHOST_CREDENTIAL, true);
      expect(withoutIds(foreign.text, w.a.ids)).toBe(
        withoutIds(ghost.text, { ...w.a.ids, credentialId: GHOST_CREDENTIAL }),
      );
      const own = await call(spec, w.a.apiKey, w.a.ids.credentialId, true);
      expect(own.status, own.text).not.toBe(404);
    },
  );

  it("is refused in bodies (destinations, Send Test, sources) like a made-up id", async () => {
    const keys = ["POST /api/v1/destinations", "POST /api/v1/destinations/test", "POST /api/v1/sources"];
    const covered = credentialRefRoutes.map(routeKey);
    for (const key of keys.filter((k) => covered.includes(k))) {
      const spec = routes.find((s) => routeKey(s) === key)!;
      const foreign = await call(spec, colleagueKey, w.a.ids.credentialId, false);
      const ghost = await call(spec, colleagueKey, GHOST_CREDENTIAL, false);
      expect(foreign.status, `${key}: ${foreign.text}`).toBe(ghost.status);
      expect(foreign.status, key).toBe(404);
    }
    expect(covered).toEqual(expect.arrayContaining(["POST /api/v1/destinations", "POST /api/v1/destinations/test"]));
  });

  it("still runs for the worker: deleting it is refused to the colleague and the destination keeps it", async () => {
    const del = routes.find((s) => routeKey(s) === "DELETE /api/v1/credentials/{id}")!;
    expect((await call(del, colleagueKey, w.a.ids.credentialId, true)).status).toBe(404);
    const destination = await w.t.db.destination.findUniqueOrThrow({ where: { id: w.a.ids.destinationId } });
    expect(destination.credentialId).toBe(w.a.ids.credentialId);
  });
});

describe("a colleague's destination or source on another user's personal connection", () => {
  const get = (path: string) => routes.find((s) => routeKey(s) === `GET ${path}`)!;
  const hidden = async () => {
    const row = await w.t.db.credential.findUniqueOrThrow({ where: { id: w.a.ids.credentialId } });
    const owner = await w.t.db.user.findUniqueOrThrow({ where: { id: w.a.userId } });
    return { details: [row.name, row.workspaceName ?? "", `…${row.tokenLast4}`], ownerName: owner.name };
  };

  it("shows the destination with 'personal to <creator>' and none of the connection's details", async () => {
    const { details, ownerName } = await hidden();
    const one = await call(get("/api/v1/destinations/{id}"), colleagueKey, w.a.ids.credentialId, true);
    expect(one.status, one.text).toBe(200);
    expect(JSON.parse(one.text)).toMatchObject({ credentialId: w.a.ids.credentialId, credentialPersonalTo: ownerName });
    const list = await call(get("/api/v1/destinations"), colleagueKey, w.a.ids.credentialId, false);
    const listed = (JSON.parse(list.text) as { destinations: { id: string; credentialPersonalTo: string | null }[] })
      .destinations;
    expect(listed.find((d) => d.id === w.a.ids.destinationId)?.credentialPersonalTo).toBe(ownerName);
    for (const detail of details) {
      expect(one.text).not.toContain(detail);
      expect(list.text).not.toContain(detail);
    }
    const own = await call(get("/api/v1/destinations/{id}"), w.a.apiKey, w.a.ids.credentialId, true);
    expect(JSON.parse(own.text)).toMatchObject({ credentialPersonalTo: null });
  });

  it("gives the destination page only the creator's name, and the creator the details", async () => {
    const { details, ownerName } = await hidden();
    const colleague = { organisationId: w.a.organisationId, userId: colleagueId };
    const seen = await getDestinationOverview(w.t.db, colleague, w.a.ids.destinationId);
    expect(seen.credential).toEqual({ visible: false, personalTo: ownerName });
    for (const detail of details) expect(JSON.stringify(seen)).not.toContain(detail);
    const creator = { organisationId: w.a.organisationId, userId: w.a.userId };
    const own = await getDestinationOverview(w.t.db, creator, w.a.ids.destinationId);
    expect(own.credential).toMatchObject({ visible: true, id: w.a.ids.credentialId, name: details[0] });
  });

  it("shows an Intercom source on it as 'personal to <creator>' to the colleague", async () => {
    const { details, ownerName } = await hidden();
    const creator = { organisationId: w.a.organisationId, userId: w.a.userId };
    const { sourceId } = await createIntercomSource(w.t.db, creator, {
      name: "Owner's contacts",
      flowId: w.a.ids.flowId,
      credentialId: w.a.ids.credentialId,
      operation: "list_contacts",
    });
    const spec = get("/api/v1/sources/{id}");
    const request = sampleRequest(spec, { ...w.a.ids, sourceId }, w.a.ids, { sandboxToken: w.a.sandboxToken });
    const answer = (key: string) =>
      callHandler(w.handlerFor(spec), {
        method: "GET",
        path: spec.path,
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${key}` },
      });
    const seen = await answer(colleagueKey);
    expect(seen.status, seen.text).toBe(200);
    expect(JSON.parse(seen.text).credential).toEqual({ personalTo: ownerName });
    for (const detail of details) expect(seen.text).not.toContain(detail);
    expect(JSON.parse((await answer(w.a.apiKey)).text).credential).toMatchObject({ name: details[0] });
  });

  it("keeps the connection's rate-limit budget from the colleague, and gives it to the creator", async () => {
    const { ownerName } = await hidden();
    const spec = get("/api/v1/destinations/{id}/rate-limit");
    const seen = await call(spec, colleagueKey, w.a.ids.credentialId, true);
    expect(seen.status, seen.text).toBe(200);
    expect(JSON.parse(seen.text)).toEqual({ visible: false, personalTo: ownerName });
    const own = await call(spec, w.a.apiKey, w.a.ids.credentialId, true);
    expect(JSON.parse(own.text)).toMatchObject({
      visible: true,
      credentialId: w.a.ids.credentialId,
      limitPer10s: expect.any(Number),
      used: expect.any(Number),
    });
  });

  it("shows the colleague the destination's calls with the token masked whole, the creator its last four", async () => {
    const { tokenLast4 } = await w.t.db.credential.findUniqueOrThrow({ where: { id: w.a.ids.credentialId } });
    expect(tokenLast4).toMatch(/^.{4}$/);
    await w.t.db.deliveryCall.update({
      where: { id: BigInt(w.a.ids.callId) },
      data: { requestHeaders: { authorization: `Bearer ••••${tokenLast4}`, "content-type": "application/json" } },
    });
    const spec = get("/api/v1/destinations/{id}/calls/{callId}");
    const seen = await call(spec, colleagueKey, w.a.ids.credentialId, true);
    expect(seen.status, seen.text).toBe(200);
    expect(JSON.parse(seen.text).requestHeaders).toEqual({
      authorization: "Bearer ••••",
      "content-type": "application/json",
    });
    expect(seen.text).not.toContain(`••••${tokenLast4}`);
    const own = await call(spec, w.a.apiKey, w.a.ids.credentialId, true);
    expect(JSON.parse(own.text).requestHeaders.authorization).toBe(`Bearer ••••${tokenLast4}`);
  });
});
