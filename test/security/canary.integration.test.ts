import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import { defaultDestinationConfig } from "@/lib/destinations/schemas";
import { spawnWorkerProcess, type WorkerProcess } from "@/test/delivery/worker-process";
import { appendRecords } from "@/lib/nexsets/append-records";
import { signWebhook } from "@/lib/sources/webhook/webhook-signature";
import { ingestWebhookRoute } from "@/lib/sources/webhook/webhook-route";
import { type CallAnswer, callHandler, loadRouteHandler, routeKey } from "./support/route-table";
import { sampleRequest } from "./support/sample-requests";
import { captureProcessOutput, findIn, type Hit, searchDatabase, searchRedis } from "./support/secret-search";
import { createSecurityWorld, type SecurityWorld } from "./support/security-world";
import type { TenantIds } from "./support/tenant-world";

// Issue 7 item 2: plant a distinctive Intercom token, use it every way the product does — create and
// test a credential through the API, deliver records through a real worker process (with a response
// webhook, retries and error records), send tests, run an Intercom source — then search every API
// answer, every log line (this process and the worker's), every Redis key and every text column of
// every table for it. The only copy allowed is Credential.tokenCiphertext, which is encrypted.
// The rendered credentials page is covered by e2e (not here: that needs a Next build).

const CANARY = `canary_${randomBytes(16).toString("hex")}`;
// The whole token, and its first 20 characters (catches truncated copies; the last 4 are shown on purpose).
const NEEDLES = [CANARY, CANARY.slice(0, 20)];

let w: SecurityWorld;
let worker: WorkerProcess | undefined;
let output: ReturnType<typeof captureProcessOutput>;
const answers: { label: string; answer: CallAnswer }[] = [];

const route = (method: string, path: string): AnyApiRouteSpec => {
  const spec = publicApiRoutes.find((s) => s.method === method && s.path === path);
  if (!spec) throw new Error(`${method} ${path} is not registered`);
  return spec;
};

async function call(
  method: string,
  path: string,
  input: { params?: Record<string, string>; json?: unknown; query?: Record<string, string> } = {},
): Promise<CallAnswer> {
  const spec = route(method, path);
  const answer = await callHandler(w.handlerFor(spec), {
    method,
    path,
    ...input,
    headers: { authorization: `Bearer ${w.a.apiKey}` },
  });
  answers.push({ label: `${method} ${path} ${JSON.stringify(input.params ?? {})}`, answer });
  return answer;
}

async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for ${what}: ${JSON.stringify(value)}\nworker output:\n${worker?.output().slice(-3000)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  output = captureProcessOutput();
  w = await createSecurityWorld(publicApiRoutes, { sandboxTokenA: CANARY });
  worker = spawnWorkerProcess({ ...w.env, LOG_LEVEL: "trace", FLOWGATE_DELIVERY_BACKOFF_BASE_MS: "20" });
  await worker.ready;
}, 120_000);

afterAll(async () => {
  output?.stop();
  await worker?.kill("SIGKILL");
  await w?.close();
});

describe("the searches find what is there (control)", () => {
  it("finds a planted control string in a column, a Redis key and a log line", async () => {
    const control = `control_${randomBytes(8).toString("hex")}`;
    const flow = await w.t.db.flow.create({ data: { organisationId: w.b.organisationId, name: `x ${control} x` } });
    const { Redis } = await import("ioredis");
    const redis = new Redis(w.env.REDIS_URL!);
    await redis.hset(`${w.env.FLOWGATE_REDIS_PREFIX}:control`, "data", JSON.stringify({ nested: control }));
    const { log } = await import("@/lib/log");
    log.debug({ note: control }, "control line");
    try {
      expect((await searchDatabase(w.t.db, [control])).hits.map((h) => h.where)).toEqual(["Flow.name"]);
      expect((await searchRedis(w.env.REDIS_URL!, w.env.FLOWGATE_REDIS_PREFIX!, [control])).hits).toHaveLength(1);
      expect(findIn("log", output.text(), [control])).toHaveLength(1);
    } finally {
      await w.t.db.flow.delete({ where: { id: flow.id } });
      await redis.del(`${w.env.FLOWGATE_REDIS_PREFIX}:control`);
      redis.disconnect();
    }
  });
});

describe("a planted Intercom token never leaves its ciphertext", () => {
  it("is used every way the product uses a token", async () => {
    const { ids } = w.a;
    // Credentials through the API: the token goes in, and must never come back out.
    expect(
      (await call("POST", "/api/v1/credentials/test-connection", { json: { region: "sandbox", token: CANARY } })).json,
    ).toMatchObject({ ok: true });
    const created = await call("POST", "/api/v1/credentials", {
      json: { name: "Canary via API", region: "sandbox", token: CANARY },
    });
    expect(created.status).toBe(201);
    expect(
      (await call("POST", "/api/v1/credentials/{id}/test", { params: { id: ids.credentialId } })).json,
    ).toMatchObject({ ok: true });

    // Send Test, saved and unsaved; then deliver with a response webhook, through a real worker,
    // with Intercom refusing some records (error records) and failing others (retries).
    const config = {
      ...defaultDestinationConfig,
      method: "POST",
      urlTemplate: "/contacts",
      responseWebhook: { enabled: true },
    };
    expect(
      (
        await call("POST", "/api/v1/destinations/test", {
          json: { nexsetId: ids.nexsetId, credentialId: ids.credentialId, config },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call("PUT", "/api/v1/destinations/{id}", {
          params: { id: ids.destinationId },
          json: { name: "Canary destination", credentialId: ids.credentialId, config },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call("POST", "/api/v1/destinations/{id}/test", { params: { id: ids.destinationId }, json: {} })).status,
    ).toBe(200);
    await appendRecords(
      w.t.db,
      ids.nexsetId,
      Array.from({ length: 17 }, (_, i) => ({
        email: i % 4 === 0 ? `not-an-email-${i}` : `canary-${i}@example.com`,
        name: `N${i}`,
      })),
    );
    const appId = w.sandbox.registry.byToken(CANARY)?.id;
    expect(appId).toBeDefined();
    w.sandbox.setFaults({ appId, errorRate: 0.2, errorStatus: 503 });
    expect(
      (await call("POST", "/api/v1/destinations/{id}/activate", { params: { id: ids.destinationId } })).status,
    ).toBe(200);
    const progress = await waitFor(
      () => call("GET", "/api/v1/destinations/{id}/progress", { params: { id: ids.destinationId } }),
      (a) => (a.json as { processed?: number }).processed === 20,
      "20 records processed",
    );
    expect(progress.json).toMatchObject({ total: 20 });
    w.sandbox.clearFaults(appId);

    // An Intercom source pulling contacts with the same credential, run by the worker.
    const source = await call("POST", "/api/v1/sources", {
      json: { kind: "intercom", name: "Canary contacts", credentialId: ids.credentialId, operation: "list_contacts" },
    });
    expect(source.status).toBe(201);
    const sourceId = (source.json as { sourceId: string }).sourceId;
    expect((await call("POST", "/api/v1/sources/{id}/runs", { params: { id: sourceId } })).status).toBe(202);
    await waitFor(
      () => w.t.db.sourceRun.findFirst({ where: { sourceId }, orderBy: { startedAt: "desc" } }),
      (run) => run?.status === "succeeded" || run?.status === "failed",
      "the source run",
    );

    // The worker really used the token: Intercom (the sandbox) saw it on every call.
    expect(w.sandbox.requests(appId).length).toBeGreaterThan(20);
    expect(await w.t.db.errorRecord.count({ where: { destinationId: ids.destinationId } })).toBeGreaterThan(0);
    expect(await w.t.db.credential.count({ where: { organisationId: w.a.organisationId } })).toBe(2);
  });

  it("is in no API answer: every GET route for every object, and every answer above", async () => {
    const o = w.a.organisationId;
    const vary = async (): Promise<Partial<Record<keyof TenantIds, string[]>>> => ({
      sourceId: (await w.t.db.source.findMany({ where: { organisationId: o } })).map((s) => s.id),
      nexsetId: (await w.t.db.nexset.findMany({ where: { organisationId: o } })).map((n) => n.id),
      credentialId: (await w.t.db.credential.findMany({ where: { organisationId: o } })).map((c) => c.id),
      callId: (
        await w.t.db.deliveryCall.findMany({ where: { organisationId: o }, orderBy: { id: "desc" }, take: 25 })
      ).map((c) => String(c.id)),
    });
    const variants = await vary();
    const gets = publicApiRoutes.filter((s) => s.method === "GET");
    for (const spec of gets) {
      const key = spec.path.includes("{callId}")
        ? "callId"
        : (
            { sources: "sourceId", nexsets: "nexsetId", credentials: "credentialId" } as Record<string, keyof TenantIds>
          )[spec.path.split("/")[3] ?? ""];
      const values = key ? (variants[key] ?? []) : [];
      for (const ids of [w.a.ids, ...values.map((value) => ({ ...w.a.ids, [key as string]: value }))]) {
        const answer = await call("GET", spec.path, { ...sampleRequest(spec, ids, ids, { sandboxToken: "unused" }) });
        if (spec.auth !== "public")
          expect(answer.status, `${routeKey(spec)}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
    const hits: Hit[] = answers.flatMap(({ label, answer }) => [
      ...findIn(`API ${label} body`, answer.text, NEEDLES),
      ...findIn(`API ${label} headers`, JSON.stringify([...answer.headers]), NEEDLES),
    ]);
    expect(hits).toEqual([]);
    expect(answers.length).toBeGreaterThan(gets.length);
  });

  it("is in no log line, of this process or of the worker", async () => {
    await worker?.kill("SIGTERM");
    const workerOutput = worker?.output() ?? "";
    expect(workerOutput).toContain('"worker started"');
    // It logged the work that used the token (debug lines included: LOG_LEVEL=trace).
    expect(workerOutput).toContain('"delivery run ended"');
    expect(workerOutput).toContain('"source run succeeded"');
    expect([
      ...findIn("worker stdout/stderr", workerOutput, NEEDLES),
      ...findIn("test process logs", output.text(), NEEDLES),
    ]).toEqual([]);
  });

  it("is in no Redis key (queues, job data, rate-limit state)", async () => {
    const { keys, hits } = await searchRedis(w.env.REDIS_URL!, w.env.FLOWGATE_REDIS_PREFIX!, NEEDLES);
    expect(keys).toBeGreaterThan(5);
    expect(hits).toEqual([]);
  });

  it("is in no text or JSON column of any table; the credential keeps only ciphertext and the last four", async () => {
    const { columns, hits } = await searchDatabase(w.t.db, NEEDLES);
    expect(columns).toEqual(
      expect.arrayContaining([
        "Credential.tokenCiphertext",
        "DeliveryCall.requestHeaders",
        "ErrorRecord.requestBody",
        "NexsetRecord.data",
        "SourceRun.steps",
      ]),
    );
    expect(hits).toEqual([]);
    const stored = await w.t.db.credential.findMany({ where: { organisationId: w.a.organisationId } });
    for (const credential of stored) {
      expect(credential.tokenCiphertext).toMatch(/^v2:sec:/);
      expect(credential.tokenLast4).toBe(CANARY.slice(-4));
    }
    // The response-webhook Nexset got the responses (so it was searched with content in it).
    const responses = await w.t.db.source.findFirstOrThrow({
      where: { originDestinationId: w.a.ids.destinationId },
      include: { nexset: true },
    });
    expect(responses.nexset?.recordCount).toBeGreaterThan(0);
  });
});

// Issue 18 item 8: the other secrets a caller holds — API keys, webhook URL tokens, webhook signing
// secrets — are sent on purpose with hostile requests (a 300,000-deep body, a bad signature, an
// unknown key) and must appear in no log line and no error answer.
describe("API keys, webhook tokens and signing secrets are in no log line and no error answer", () => {
  const errorAnswers: { label: string; answer: CallAnswer }[] = [];
  // One record whose one field nests 300,000 arrays deep: 600 kB, under the 1 MB webhook limit.
  const deepObject = (depth: number) => `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`;

  async function webhook(label: string, headers: Record<string, string>, raw: string, token = w.a.webhookToken) {
    const answer = await callHandler(await loadRouteHandler(ingestWebhookRoute), {
      method: "POST",
      path: ingestWebhookRoute.path,
      params: { token },
      raw,
      headers: { "content-type": "application/json", ...headers },
    });
    errorAnswers.push({ label, answer });
    return answer;
  }

  it("answers hostile requests with a 4xx that names the problem", async () => {
    const rotated = await call("POST", "/api/v1/sources/{id}/signing-secret", { params: { id: w.a.ids.sourceId } });
    expect(rotated.status).toBe(200);
    const secret = (rotated.json as { secret: string }).secret;
    const needles = [w.a.apiKey, w.a.webhookToken, secret];

    const deep = deepObject(300_000);
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = { "webhook-id": "msg_deep", "webhook-timestamp": String(timestamp) };
    const deepAnswer = await webhook(
      "deep signed body",
      {
        ...signed,
        "webhook-signature": signWebhook(secret, "msg_deep", timestamp, deep),
      },
      deep,
    );
    expect(deepAnswer.status, deepAnswer.text.slice(0, 300)).toBe(400);
    expect(deepAnswer.json).toMatchObject({ error: { message: expect.stringContaining("nests deeper") } });
    expect((await webhook("bad signature", { ...signed, "webhook-signature": "v1,AAAA" }, "{}")).status).toBe(401);
    expect((await webhook("unknown token", {}, "{}", `${w.a.webhookToken.slice(0, -4)}zzzz`)).status).toBe(401);

    const flows = route("POST", "/api/v1/flows");
    const deepApi = await callHandler(w.handlerFor(flows), {
      method: "POST",
      path: flows.path,
      raw: deepObject(300_000),
      headers: { authorization: `Bearer ${w.a.apiKey}`, "content-type": "application/json" },
    });
    errorAnswers.push({ label: "deep API body", answer: deepApi });
    expect(deepApi.status).toBe(400);
    const wrongKey = await callHandler(w.handlerFor(flows), {
      method: "POST",
      path: flows.path,
      json: { name: "x" },
      headers: { authorization: `Bearer ${w.a.apiKey.slice(0, -3)}xyz` },
    });
    errorAnswers.push({ label: "wrong API key", answer: wrongKey });
    expect(wrongKey.status).toBe(401);

    const all = [...errorAnswers, ...answers.filter(({ answer }) => answer.status >= 400)];
    expect(
      all.flatMap(({ label, answer }) => [
        ...findIn(`error answer ${label}`, answer.text, needles),
        ...findIn(`error answer ${label} headers`, JSON.stringify([...answer.headers]), needles),
      ]),
    ).toEqual([]);
    expect(findIn("test process logs", output.text(), needles)).toEqual([]);
  });
});
