import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import type { RouteHandler } from "@/lib/api/with-api";
import { deliverJobId } from "@/lib/delivery/enqueue-delivery";
import { replayJobId } from "@/lib/delivery/error-records";
import { readRateLimitUsage } from "@/lib/delivery/monitoring/read-rate-limit-usage";
import { createDestinationVersion } from "@/lib/destinations/destination-versions";
import {
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  type InProcessWorker,
  setupDeliveryFixture,
  startInProcessWorker,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { queue } from "@/lib/queue/queues";
import { producerRedis } from "@/lib/redis/connection";
import { POST as activate } from "./activate/route";
import { GET as getCall } from "./calls/[callId]/route";
import { GET as listCalls } from "./calls/route";
import { POST as discard } from "./errors/discard/route";
import { POST as replay } from "./errors/replay/route";
import { GET as listErrors } from "./errors/route";
import { POST as pause } from "./pause/route";
import { GET as progress } from "./progress/route";
import { GET as rateLimit } from "./rate-limit/route";
import { POST as resume } from "./resume/route";
import { GET as timeline } from "./timeline/route";

const APP = "http://localhost:3999";
let f: DeliveryFixture;
let key: string;
let rivalKey: string;
let worker: InProcessWorker | undefined;

async function keyFor(organisationId: string): Promise<string> {
  const user = await f.db.user.create({
    data: { id: randomUUID(), name: "Tester", email: `${randomUUID()}@example.com`, organisationId },
  });
  return (await createApiKey({ organisationId, userId: user.id }, { name: "routes test" }, f.db)).key;
}

beforeAll(async () => {
  f = await setupDeliveryFixture();
  process.env.FLOWGATE_URL = APP;
  key = await keyFor(f.organisationId);
  const rival = await f.db.organisation.create({ data: { name: "Rival" } });
  rivalKey = await keyFor(rival.id);
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  producerRedis().disconnect();
  await f.close();
});

interface Call {
  path: string;
  params: Record<string, string>;
  method?: "GET" | "POST";
  body?: unknown;
  as?: string | null;
}

async function call(
  handler: RouteHandler,
  { path, params, method = "GET", body, as = key }: Call,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${as}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(`${APP}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    {
      params: Promise.resolve(params),
    },
  );
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const base = (id: string) => `/api/v1/destinations/${id}`;
const lifecycle = (handler: RouteHandler, verb: string, id: string, as?: string | null) =>
  call(handler, { path: `${base(id)}/${verb}`, params: { id }, method: "POST", as });

async function draftDestination(records = contactRecords(3), config = {}) {
  const { credentialId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
  const nexsetId = await createNexsetWithRecords(f, records);
  const id = await createDestination(f, { nexsetId, credentialId, config });
  return { id, token, credentialId };
}

describe("activate / pause / resume", () => {
  it("moves a destination through draft → active → paused → active, queueing delivery on activation", async () => {
    const { id } = await draftDestination();
    const activated = await lifecycle(activate, "activate", id);
    expect(activated).toMatchObject({
      status: 200,
      json: { id, status: "active", statusMessage: null, configVersion: 1 },
    });
    expect(activated.json.activatedAt).toEqual(expect.any(String));
    expect(await queue("delivery").getJob(deliverJobId(id))).toBeTruthy();
    expect((await f.db.destination.findUniqueOrThrow({ where: { id } })).status).toBe("active");

    expect(await lifecycle(pause, "pause", id)).toMatchObject({ status: 200, json: { status: "paused" } });
    expect(await lifecycle(pause, "pause", id)).toMatchObject({ status: 200, json: { status: "paused" } });
    expect((await f.db.destination.findUniqueOrThrow({ where: { id } })).status).toBe("paused");
    expect(await lifecycle(resume, "resume", id)).toMatchObject({ status: 200, json: { status: "active" } });
    expect(await lifecycle(activate, "activate", id)).toMatchObject({ status: 200, json: { status: "active" } });
  });

  it("refuses transitions that make no sense with 409 and a message, changing nothing", async () => {
    const { id } = await draftDestination();
    const paused = await lifecycle(pause, "pause", id);
    expect(paused.status).toBe(409);
    expect(paused.json.error).toMatchObject({
      code: "conflict",
      message: "This destination has not been activated yet",
    });
    const resumed = await lifecycle(resume, "resume", id);
    expect(resumed.status).toBe(409);
    expect(resumed.json.error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("activate it instead"),
    });
    expect((await f.db.destination.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });

  it("refuses to activate a destination whose saved settings are incomplete (422)", async () => {
    const { id } = await draftDestination();
    await f.db.destination.update({ where: { id }, data: { config: { method: "POST" } } });
    const response = await lifecycle(activate, "activate", id);
    expect(response.status).toBe(422);
    expect(response.json.error).toMatchObject({ code: "invalid_config" });
    expect((await f.db.destination.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });
});

describe("monitoring: progress, timeline, rate limit, activity log", () => {
  it("reports delivery as it happens and shows each call in full with the token masked", async () => {
    const { id, token } = await draftDestination(contactRecords(5));
    const before = await call(progress, { path: `${base(id)}/progress`, params: { id } });
    expect(before).toEqual({
      status: 200,
      json: {
        status: "draft",
        statusMessage: null,
        total: 5,
        delivered: 0,
        processed: 0,
        backlog: 5,
        errorRecords: 0,
        errorRecordsRecords: 0,
        inFlight: 0,
        outcomes: {
          created: 0,
          updated: 0,
          unchanged: 0,
          archived: 0,
          deleted: 0,
          already_gone: 0,
          exists_not_updated: 0,
        },
      },
    });

    worker = startInProcessWorker();
    await lifecycle(activate, "activate", id);
    const done = await waitFor(
      () => call(progress, { path: `${base(id)}/progress`, params: { id } }),
      (r) => r.json.processed === 5,
      20_000,
      "5 delivered",
    );
    expect(done.json).toMatchObject({ status: "active", total: 5, delivered: 5, backlog: 0, errorRecords: 0 });

    const line = await call(timeline, { path: `${base(id)}/timeline?minutes=15`, params: { id } });
    expect(line.status).toBe(200);
    const points = line.json.points as Record<string, number | string>[];
    expect(line.json.minutes).toBe(15);
    expect(points).toHaveLength(15);
    expect(Date.parse(points[1]!.minute as string) - Date.parse(points[0]!.minute as string)).toBe(60_000);
    const sum = (field: string) => points.reduce((n, p) => n + Number(p[field]), 0);
    expect({
      calls: sum("calls"),
      records: sum("records"),
      status2xx: sum("status2xx"),
      status4xx: sum("status4xx"),
    }).toEqual({ calls: 5, records: 5, status2xx: 5, status4xx: 0 });
    expect((await call(timeline, { path: `${base(id)}/timeline?minutes=0`, params: { id } })).status).toBe(400);

    const budget = await call(rateLimit, { path: `${base(id)}/rate-limit`, params: { id } });
    expect(budget.status).toBe(200);
    expect(budget.json).toMatchObject({ limitPer10s: 100_000, credentialId: expect.any(String) });
    expect(Number(budget.json.used) + Number(budget.json.remaining)).toBe(budget.json.windowLimit);

    const firstPage = await call(listCalls, { path: `${base(id)}/calls?limit=2`, params: { id } });
    const items = firstPage.json.items as Record<string, unknown>[];
    expect(items.map((c) => c.firstSeq)).toEqual([5, 4]);
    expect(items[0]).toMatchObject({
      kind: "delivery",
      outcome: "success",
      method: "POST",
      responseStatus: 200,
      configVersion: 1,
      recordCount: 1,
    });
    expect(items[0]).not.toHaveProperty("requestBody");
    const rest = await call(listCalls, {
      path: `${base(id)}/calls?limit=10&cursor=${String(firstPage.json.nextCursor)}`,
      params: { id },
    });
    expect((rest.json.items as Record<string, unknown>[]).map((c) => c.firstSeq)).toEqual([3, 2, 1]);
    expect(rest.json.nextCursor).toBeNull();
    expect((await call(listCalls, { path: `${base(id)}/calls?kind=test`, params: { id } })).json.items).toEqual([]);
    expect(
      (await call(listCalls, { path: `${base(id)}/calls?outcome=success`, params: { id } })).json.items,
    ).toHaveLength(5);
    expect((await call(listCalls, { path: `${base(id)}/calls?outcome=nope`, params: { id } })).status).toBe(400);

    const callId = String(items[0]!.id);
    const detail = await call(getCall, { path: `${base(id)}/calls/${callId}`, params: { id, callId } });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ id: callId, url: expect.stringContaining("/contacts"), responseStatus: 200 });
    expect((detail.json.requestHeaders as Record<string, string>).authorization).toMatch(/^Bearer ••••/);
    expect(JSON.parse(String(detail.json.requestBody))).toMatchObject({ email: expect.stringContaining("user4-") });
    expect(JSON.parse(String(detail.json.responseBody))).toMatchObject({ type: "contact" });
    expect(detail.json.responseHeaders).toMatchObject({ "content-type": expect.stringContaining("application/json") });
    expect(JSON.stringify(detail.json)).not.toContain(token);
    expect(
      (await call(getCall, { path: `${base(id)}/calls/99999999`, params: { id, callId: "99999999" } })).status,
    ).toBe(404);
    expect((await call(getCall, { path: `${base(id)}/calls/abc`, params: { id, callId: "abc" } })).status).toBe(400);

    expect(await lifecycle(pause, "pause", id)).toMatchObject({ status: 200, json: { status: "paused" } });
    expect((await call(progress, { path: `${base(id)}/progress`, params: { id } })).json).toMatchObject({
      status: "paused",
      delivered: 5,
    });
  });
});

describe("rate-limit reading without Redis", () => {
  it("answers 503 with a message when Redis does not answer, and still 404 for a destination that is not yours", async () => {
    const { id } = await draftDestination();
    const dead = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on("error", () => undefined);
    try {
      await expect(readRateLimitUsage(f.db, dead, f.organisationId, id)).rejects.toMatchObject({
        status: 503,
        code: "rate_limit_unavailable",
      });
      await expect(readRateLimitUsage(f.db, dead, "another-org", id)).rejects.toMatchObject({ status: 404 });
    } finally {
      dead.disconnect();
    }
  });
});

describe("error records", () => {
  const badRecords = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ email: `not-an-email-${i}`, external_id: `bad-${randomUUID()}` }));

  it("lists refused records, replays a selection after a fix, and discards the rest", async () => {
    const { id } = await draftDestination(badRecords(3));
    worker = startInProcessWorker();
    await lifecycle(activate, "activate", id);
    await waitFor(
      () => call(progress, { path: `${base(id)}/progress`, params: { id } }),
      (r) => r.json.processed === 3,
      20_000,
      "3 refused",
    );

    const listed = await call(listErrors, { path: `${base(id)}/errors?status=open`, params: { id } });
    const errors = listed.json.items as Record<string, unknown>[];
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({
      status: "open",
      responseStatus: 400,
      requestMethod: "POST",
      reason: expect.any(String),
      firstSeq: 3,
      lastSeq: 3,
    });
    expect((await call(progress, { path: `${base(id)}/progress`, params: { id } })).json).toMatchObject({
      delivered: 0,
      errorRecords: 3,
      errorRecordsRecords: 3,
    });

    // The fix: stop sending the invalid email; external_id alone creates the contact.
    const current = (await f.db.destination.findUniqueOrThrow({ where: { id } })).config as Record<string, unknown>;
    await createDestinationVersion(f.db, f.organisationId, id, { ...current, excludedAttributes: ["email"] });
    const chosen = String(errors[0]!.id);
    const replayed = await call(replay, {
      path: `${base(id)}/errors/replay`,
      params: { id },
      method: "POST",
      body: { ids: [chosen] },
    });
    expect(replayed).toEqual({ status: 202, json: { queued: 1 } });
    await waitFor(
      () => f.db.errorRecord.findUniqueOrThrow({ where: { id: BigInt(chosen) } }),
      (e) => e.status === "replayed",
      20_000,
      "replayed",
    );
    const open = await call(listErrors, { path: `${base(id)}/errors?status=open`, params: { id } });
    expect((open.json.items as Record<string, unknown>[]).map((e) => e.id)).toEqual(errors.slice(1).map((e) => e.id));
    const replayCalls = await call(listCalls, { path: `${base(id)}/calls?kind=replay`, params: { id } });
    expect(replayCalls.json.items).toEqual([
      expect.objectContaining({ kind: "replay", outcome: "success", configVersion: 2 }),
    ]);

    expect(
      await call(discard, { path: `${base(id)}/errors/discard`, params: { id }, method: "POST", body: { all: true } }),
    ).toEqual({ status: 200, json: { discarded: 2 } });
    expect((await call(listErrors, { path: `${base(id)}/errors?status=open`, params: { id } })).json.items).toEqual([]);
    expect(
      (await call(listErrors, { path: `${base(id)}/errors?status=discarded`, params: { id } })).json.items,
    ).toHaveLength(2);
    expect((await call(progress, { path: `${base(id)}/progress`, params: { id } })).json).toMatchObject({
      errorRecords: 0,
      delivered: 1,
    });
    expect(
      await call(replay, { path: `${base(id)}/errors/replay`, params: { id }, method: "POST", body: { all: true } }),
    ).toEqual({ status: 202, json: { queued: 0 } });
  });

  it("queues one replay job per selection and refuses malformed selections", async () => {
    const { id } = await draftDestination();
    await f.db.errorRecord.createMany({
      data: [1, 2].map((seq) => ({
        organisationId: f.organisationId,
        destinationId: id,
        firstSeq: seq,
        lastSeq: seq,
        reason: "Intercom refused it",
        configVersion: 1,
      })),
    });
    const all = await call(replay, {
      path: `${base(id)}/errors/replay`,
      params: { id },
      method: "POST",
      body: { all: true },
    });
    expect(all).toEqual({ status: 202, json: { queued: 2 } });
    const job = await queue("delivery").getJob(replayJobId(id, { all: true }));
    expect(job?.data).toEqual({ organisationId: f.organisationId, destinationId: id, all: true });

    for (const body of [{}, { ids: [] }, { ids: ["abc"] }, { all: false }]) {
      const bad = await call(replay, { path: `${base(id)}/errors/replay`, params: { id }, method: "POST", body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect((bad.json.error as { code: string }).code).toBe("invalid_input");
    }
    expect(
      (
        await call(discard, {
          path: `${base(id)}/errors/discard`,
          params: { id },
          method: "POST",
          body: { ids: ["x"] },
        })
      ).status,
    ).toBe(400);
    expect(await f.db.errorRecord.count({ where: { destinationId: id, status: "open" } })).toBe(2);
  });
});

describe("access", () => {
  const everyRoute = (id: string): [RouteHandler, Call][] => [
    [activate, { path: `${base(id)}/activate`, params: { id }, method: "POST" }],
    [pause, { path: `${base(id)}/pause`, params: { id }, method: "POST" }],
    [resume, { path: `${base(id)}/resume`, params: { id }, method: "POST" }],
    [progress, { path: `${base(id)}/progress`, params: { id } }],
    [timeline, { path: `${base(id)}/timeline`, params: { id } }],
    [rateLimit, { path: `${base(id)}/rate-limit`, params: { id } }],
    [listCalls, { path: `${base(id)}/calls`, params: { id } }],
    [getCall, { path: `${base(id)}/calls/1`, params: { id, callId: "1" } }],
    [listErrors, { path: `${base(id)}/errors`, params: { id } }],
    [replay, { path: `${base(id)}/errors/replay`, params: { id }, method: "POST", body: { all: true } }],
    [discard, { path: `${base(id)}/errors/discard`, params: { id }, method: "POST", body: { all: true } }],
  ];

  it("answers 404 for another organisation's destination and changes nothing", async () => {
    const { id } = await draftDestination();
    await f.db.deliveryCall.create({
      data: {
        organisationId: f.organisationId,
        destinationId: id,
        configVersion: 1,
        method: "POST",
        url: "http://x/contacts",
        requestHeaders: {},
        outcome: "success",
        latencyMs: 1,
      },
    });
    await f.db.errorRecord.create({
      data: {
        organisationId: f.organisationId,
        destinationId: id,
        firstSeq: 1,
        lastSeq: 1,
        reason: "r",
        configVersion: 1,
      },
    });
    for (const [handler, request] of everyRoute(id)) {
      const response = await call(handler, { ...request, as: rivalKey });
      expect(response.status, request.path).toBe(404);
      expect((response.json.error as { code: string }).code).toBe("not_found");
    }
    expect((await f.db.destination.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
    expect(await f.db.errorRecord.count({ where: { destinationId: id, status: "open" } })).toBe(1);
    expect((await call(progress, { path: `${base("nope")}/progress`, params: { id: "nope" } })).status).toBe(404);
  });

  it("answers 401 without credentials and with a made-up key", async () => {
    const { id } = await draftDestination();
    for (const [handler, request] of everyRoute(id)) {
      expect((await call(handler, { ...request, as: null })).status, request.path).toBe(401);
      expect(
        (await call(handler, { ...request, as: "fg_00000000_notarealkeynotarealkeynotarealkey" })).status,
        request.path,
      ).toBe(401);
    }
    expect((await f.db.destination.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });
});
