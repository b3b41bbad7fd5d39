import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureResponseWebhookSource } from "@/lib/delivery/response-webhook";
import {
  createDestination,
  createSandboxCredential,
  setupDeliveryFixture,
  type DeliveryFixture,
} from "@/test/delivery/delivery-fixture";
import { COLUMN_WIDTH } from "@/lib/flows/definition-to-flow";
import { apiKeyFor, callRoute, TEST_APP_URL, type RouteCall } from "@/lib/flows/testing/route-client";
import { appendRecords } from "@/lib/nexsets/append-records";
import { producerRedis } from "@/lib/redis/connection";
import { POST as createSource } from "../sources/route";
import { POST as upload } from "../sources/[id]/upload/route";
import { DELETE as deleteFlow, GET as getFlow, PUT as updateFlow } from "./[id]/route";
import { GET as listFlows, POST as createFlow } from "./route";

let f: DeliveryFixture;
let key: string;
let rivalKey: string;

beforeAll(async () => {
  f = await setupDeliveryFixture();
  process.env.FLOWGATE_URL = TEST_APP_URL;
  key = await apiKeyFor(f.db, f.organisationId);
  const rival = await f.db.organisation.create({ data: { name: "Rival" } });
  rivalKey = await apiKeyFor(f.db, rival.id);
});
afterAll(async () => {
  producerRedis().disconnect();
  await f.close();
});

const as = (call: Omit<RouteCall, "key"> & { key?: string | null }) => ({ key, ...call });
const flowPath = (id: string) => ({ path: `/api/v1/flows/${id}`, params: { id } });

/**
 * The Tray example's shape: a file source s1 → Nexset n1 → destination d1 with a response webhook
 * → response source r1 → Nexset n2 → destination d2 (which names no flow: the chain places it).
 */
async function buildChain(flowId: string) {
  const source = await callRoute(
    createSource,
    as({ path: "/api/v1/sources", method: "POST", json: { kind: "file", name: "contacts.csv", flowId } }),
  );
  expect(source.status).toBe(201);
  const { sourceId, nexsetId } = source.json as { sourceId: string; nexsetId: string };
  const csv = "email,name\na@x.io,Ada\nb@x.io,Bo\nc@x.io,Cy\n";
  const uploaded = await callRoute(
    upload,
    as({
      path: `/api/v1/sources/${sourceId}/upload?fileName=contacts.csv`,
      params: { id: sourceId },
      method: "POST",
      raw: csv,
    }),
  );
  expect(uploaded).toMatchObject({ status: 200, json: { recordsAdded: 3 } });
  const { credentialId } = await createSandboxCredential(f);
  const d1 = await createDestination(f, {
    nexsetId,
    credentialId,
    config: { method: "GET", urlTemplate: "/contacts/{id}/companies", responseWebhook: { enabled: true } },
  });
  await f.db.destination.update({ where: { id: d1 }, data: { flowId, name: "Companies of each contact" } });
  const response = await ensureResponseWebhookSource(f.db, {
    id: d1,
    organisationId: f.organisationId,
    name: "Companies of each contact",
    flowId,
  });
  await appendRecords(f.db, response.nexsetId, [
    { status: 200, body: { data: [] } },
    { status: 200, body: { data: [{ id: "co1" }] } },
  ]);
  const d2 = await createDestination(f, { nexsetId: response.nexsetId, credentialId });
  return { sourceId, nexsetId, d1, d2, responseSourceId: response.sourceId, responseNexsetId: response.nexsetId };
}

describe("flows: CRUD and the derived canvas", () => {
  it("creates a flow, derives the whole response-webhook chain with live figures, and lists it with today's deliveries", async () => {
    const created = await callRoute(
      createFlow,
      as({ path: "/api/v1/flows", method: "POST", json: { name: "  Tray example  " } }),
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "Tray example",
      status: "empty",
      totals: { sources: 0, destinations: 0 },
    });
    const flowId = created.json.id as string;
    expect((await f.db.flow.findUniqueOrThrow({ where: { id: flowId } })).definition).toEqual({
      version: 1,
      nodes: [],
    });

    const chain = await buildChain(flowId);
    // d1 has worked through all 3 records: 2 delivered today, 1 kept as an open error record.
    await f.db.destination.update({ where: { id: chain.d1 }, data: { status: "active", deliveredThroughSeq: 3 } });
    const call = {
      organisationId: f.organisationId,
      destinationId: chain.d1,
      configVersion: 1,
      method: "GET",
      url: "https://x/contacts/1/companies",
      requestHeaders: {},
      latencyMs: 5,
    };
    await f.db.deliveryCall.createMany({
      data: [
        { ...call, outcome: "success", recordCount: 2 },
        { ...call, outcome: "success", recordCount: 5, kind: "test" },
        { ...call, outcome: "success", recordCount: 7, createdAt: new Date(Date.now() - 2 * 86_400_000) },
        { ...call, outcome: "permanent", recordCount: 1 },
      ],
    });
    await f.db.errorRecord.create({
      data: {
        organisationId: f.organisationId,
        destinationId: chain.d1,
        firstSeq: 3,
        lastSeq: 3,
        reason: "404",
        configVersion: 1,
      },
    });

    const graph = await callRoute(getFlow, as(flowPath(flowId)));
    expect(graph.status).toBe(200);
    const nodes = graph.json.nodes as {
      id: string;
      type: string;
      position: { x: number; y: number };
      data: Record<string, unknown>;
    }[];
    expect(nodes.map((n) => n.id)).toEqual([
      `source:${chain.sourceId}`,
      `nexset:${chain.nexsetId}`,
      `destination:${chain.d1}`,
      `response_source:${chain.responseSourceId}`,
      `nexset:${chain.responseNexsetId}`,
      `destination:${chain.d2}`,
    ]);
    expect(
      (graph.json.edges as { source: string; target: string }[]).map((e) => `${e.source} > ${e.target}`).sort(),
    ).toEqual(
      [
        `source:${chain.sourceId} > nexset:${chain.nexsetId}`,
        `nexset:${chain.nexsetId} > destination:${chain.d1}`,
        `destination:${chain.d1} > response_source:${chain.responseSourceId}`,
        `response_source:${chain.responseSourceId} > nexset:${chain.responseNexsetId}`,
        `nexset:${chain.responseNexsetId} > destination:${chain.d2}`,
      ].sort(),
    );
    const byId = new Map(nodes.map((n) => [n.id, n.data]));
    expect(byId.get(`source:${chain.sourceId}`)).toMatchObject({
      sourceKind: "file",
      recordCount: 3,
      lastRun: { status: "succeeded", recordsAdded: 3 },
    });
    expect(byId.get(`nexset:${chain.nexsetId}`)).toMatchObject({ recordCount: 3, attributeCount: 2 });
    expect(byId.get(`destination:${chain.d1}`)).toMatchObject({
      status: "active",
      method: "GET",
      urlTemplate: "/contacts/{id}/companies",
      total: 3,
      delivered: 2,
      undelivered: 1,
      errorRecords: 1,
      deliveredToday: 2,
    });
    expect(byId.get(`response_source:${chain.responseSourceId}`)).toMatchObject({
      originDestinationId: chain.d1,
      recordCount: 2,
    });
    expect(byId.get(`destination:${chain.d2}`)).toMatchObject({
      status: "draft",
      total: 2,
      undelivered: 2,
      deliveredToday: 0,
    });

    const list = await callRoute(listFlows, as({ path: "/api/v1/flows" }));
    expect(list.json.flows).toEqual([
      expect.objectContaining({
        id: flowId,
        name: "Tray example",
        status: "active",
        totals: {
          sources: 1,
          destinations: 2,
          activeDestinations: 1,
          erroredDestinations: 0,
          undeliveredRecords: 3,
          deliveredToday: 2,
        },
      }),
    ]);
  });

  it("saves the layout (dropping nodes that are not in the flow), renames, and refuses a bad definition without changing anything", async () => {
    const flowId = (
      await callRoute(createFlow, as({ path: "/api/v1/flows", method: "POST", json: { name: "Layout" } }))
    ).json.id as string;
    const chain = await buildChain(flowId);
    const definition = {
      version: 1,
      nodes: [
        { id: `nexset:${chain.nexsetId}`, kind: "nexset", refId: chain.nexsetId, position: { x: 700, y: 420 } },
        { id: "destination:not-here", kind: "destination", refId: "not-here", position: { x: 1, y: 1 } },
      ],
      edges: [{ id: "x", source: "a", target: "b" }],
    };
    const saved = await callRoute(updateFlow, as({ ...flowPath(flowId), method: "PUT", json: { definition } }));
    expect(saved.status).toBe(200);
    expect(saved.json.definition).toEqual({ version: 1, nodes: [definition.nodes[0]] });
    expect((await f.db.flow.findUniqueOrThrow({ where: { id: flowId } })).definition).toEqual({
      version: 1,
      nodes: [definition.nodes[0]],
    });
    const positions = new Map((saved.json.nodes as { id: string; position: unknown }[]).map((n) => [n.id, n.position]));
    expect(positions.get(`nexset:${chain.nexsetId}`)).toEqual({ x: 700, y: 420 });
    expect(positions.get(`destination:${chain.d1}`)).toEqual({ x: 700 + COLUMN_WIDTH, y: 420 });

    const bad = await callRoute(
      updateFlow,
      as({ ...flowPath(flowId), method: "PUT", json: { name: "Nope", definition: { version: 2, nodes: [] } } }),
    );
    expect(bad.status).toBe(400);
    const row = await f.db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(row.name).toBe("Layout");
    expect(row.definition).toEqual({ version: 1, nodes: [definition.nodes[0]] });

    const renamed = await callRoute(updateFlow, as({ ...flowPath(flowId), method: "PUT", json: { name: "Renamed" } }));
    expect(renamed.json.flow).toMatchObject({ name: "Renamed" });
    expect((renamed.json.definition as { nodes: unknown[] }).nodes).toHaveLength(1);
  });

  it("keeps each organisation's flows to itself: another organisation's id is 404 and changes nothing; no key is 401", async () => {
    const flowId = (
      await callRoute(createFlow, as({ path: "/api/v1/flows", method: "POST", json: { name: "Private" } }))
    ).json.id as string;
    const rival = { key: rivalKey };
    expect((await callRoute(getFlow, { ...flowPath(flowId), ...rival })).status).toBe(404);
    expect(
      (await callRoute(updateFlow, { ...flowPath(flowId), method: "PUT", json: { name: "Mine now" }, ...rival }))
        .status,
    ).toBe(404);
    expect((await callRoute(deleteFlow, { ...flowPath(flowId), method: "DELETE", ...rival })).status).toBe(404);
    expect((await callRoute(listFlows, { path: "/api/v1/flows", ...rival })).json.flows).toEqual([]);
    expect((await f.db.flow.findUniqueOrThrow({ where: { id: flowId } })).name).toBe("Private");
    expect((await callRoute(listFlows, { path: "/api/v1/flows", key: null })).status).toBe(401);
    expect(
      (await callRoute(createFlow, as({ path: "/api/v1/flows", method: "POST", json: { name: "" } }))).status,
    ).toBe(400);
  });

  it("deletes a flow with everything on its canvas and says how many records were undelivered", async () => {
    const flowId = (
      await callRoute(createFlow, as({ path: "/api/v1/flows", method: "POST", json: { name: "Doomed" } }))
    ).json.id as string;
    const chain = await buildChain(flowId);
    const deleted = await callRoute(deleteFlow, as({ ...flowPath(flowId), method: "DELETE" }));
    expect(deleted).toEqual({
      status: 200,
      json: { deletedSources: 1, deletedDestinations: 2, undeliveredRecords: 5 },
    });
    expect(await f.db.flow.count({ where: { id: flowId } })).toBe(0);
    expect(await f.db.source.count({ where: { id: { in: [chain.sourceId, chain.responseSourceId] } } })).toBe(0);
    expect(await f.db.destination.count({ where: { id: { in: [chain.d1, chain.d2] } } })).toBe(0);
    expect(
      await f.db.nexsetRecord.count({ where: { nexsetId: { in: [chain.nexsetId, chain.responseNexsetId] } } }),
    ).toBe(0);
    expect((await callRoute(getFlow, as(flowPath(flowId)))).status).toBe(404);
  });
});
