import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeySpec } from "@/lib/crypto/keyring";
import { createWebhookSource } from "@/lib/sources/webhook/create-webhook-source";
import { rotateWebhookToken } from "@/lib/sources/webhook/rotate-webhook-credentials";
import { signWebhook } from "@/lib/sources/webhook/webhook-signature";
import { WEBHOOK_CALLS_PER_MINUTE } from "@/lib/throttle/request-limits";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { POST } from "./route";

// Through the real route handler, as an HTTP client would call it: no cookie, no API key.
let t: TestDatabase;
let orgId: string;

beforeAll(async () => {
  t = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    FLOWGATE_ENCRYPTION_KEYS: generateKeySpec(),
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
  });
  orgId = (await t.db.organisation.create({ data: { name: "Hooks" } })).id;
});
afterAll(() => t.drop());

async function post(
  token: string,
  body: string | Buffer | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  const init = {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit;
  const response = await POST(new Request(`http://localhost/api/webhooks/${token}`, init), {
    params: Promise.resolve({ token }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { message: string } },
  };
}

const recordsOf = async (nexsetId: string) =>
  (await t.db.nexsetRecord.findMany({ where: { nexsetId }, orderBy: { seq: "asc" } })).map((r) => r.data);

describe("webhook ingestion", () => {
  it("accepts one object or an array of objects and answers how many were added", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Signups" });
    expect(hook.path).toBe(`/api/webhooks/${hook.token}`);
    const source = await t.db.source.findUniqueOrThrow({ where: { id: hook.sourceId } });
    expect(source.webhookTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(source)).not.toContain(hook.token);

    expect(await post(hook.token, JSON.stringify({ email: "a@x.io" }))).toEqual({
      status: 200,
      body: { added: 1, firstSeq: 1, lastSeq: 1 },
    });
    expect(await post(hook.token, JSON.stringify([{ email: "b@x.io" }, { email: "c@x.io", n: 2 }]))).toEqual({
      status: 200,
      body: { added: 2, firstSeq: 2, lastSeq: 3 },
    });
    expect(await recordsOf(hook.nexsetId)).toEqual([
      { email: "a@x.io" },
      { email: "b@x.io" },
      { email: "c@x.io", n: 2 },
    ]);
  });

  it("refuses unknown and malformed tokens, bad JSON and non-object items, storing nothing", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Strict" });
    const forged = `whk_${"A".repeat(43)}`;
    expect(await post(forged, '{"a":1}')).toMatchObject({
      status: 401,
      body: { error: { message: "Unknown webhook URL" } },
    });
    expect(await post("nope", '{"a":1}')).toMatchObject({ status: 401 });
    expect(await post(hook.token, '{"a": 1,}')).toMatchObject({
      status: 400,
      body: { error: { message: "The body is not valid JSON: line 1, column 8: a trailing comma before '}'" } },
    });
    expect(await post(hook.token, '[{"a":1}, "x", {"b":2}]')).toMatchObject({
      status: 400,
      body: { error: { message: "body[1] is a string; each record must be a JSON object", field: "body[1]" } },
    });
    expect(await post(hook.token, "42")).toMatchObject({ status: 400 });
    expect(await recordsOf(hook.nexsetId)).toEqual([]);
  });

  it("refuses a body over the source's limit with 413, with or without Content-Length", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Small", maxBodyBytes: 1024 });
    const big = JSON.stringify({ pad: "x".repeat(2000) });
    expect(await post(hook.token, big)).toMatchObject({
      status: 413,
      body: { error: { message: "The body is larger than this webhook's 1 KB limit" } },
    });
    const stream = new Blob([big]).stream();
    expect(await post(hook.token, stream)).toMatchObject({ status: 413 });
    expect(await post(hook.token, JSON.stringify({ pad: "x".repeat(900) }))).toMatchObject({
      status: 200,
      body: { added: 1 },
    });
    expect(await recordsOf(hook.nexsetId)).toHaveLength(1);
  });

  it("requires a valid Standard Webhooks signature when the source is signed", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Signed", signed: true });
    expect(hook.secret).toMatch(/^whsec_/);
    const stored = await t.db.source.findUniqueOrThrow({ where: { id: hook.sourceId } });
    expect(stored.webhookSecretCipher).not.toContain(hook.secret!.slice(6));
    const body = JSON.stringify({ event: "signup" });
    const now = Math.floor(Date.now() / 1000);
    const signed = (secret: string, ts = now) => ({
      "webhook-id": "msg_1",
      "webhook-timestamp": String(ts),
      "webhook-signature": signWebhook(secret, "msg_1", ts, body),
    });

    expect(await post(hook.token, body)).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringMatching(/requires a signature/) } },
    });
    expect(await post(hook.token, body, signed("whsec_" + Buffer.alloc(24, 7).toString("base64")))).toMatchObject({
      status: 401,
    });
    expect(await post(hook.token, body, signed(hook.secret!, now - 600))).toMatchObject({ status: 401 });
    expect(await post(hook.token, JSON.stringify({ event: "tampered" }), signed(hook.secret!))).toMatchObject({
      status: 401,
    });
    expect(await recordsOf(hook.nexsetId)).toEqual([]);
    expect(await post(hook.token, body, signed(hook.secret!))).toEqual({
      status: 200,
      body: { added: 1, firstSeq: 1, lastSeq: 1 },
    });
  });

  it("rotating the token retires the old URL at once", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Rotating" });
    const { token } = await rotateWebhookToken(t.db, orgId, hook.sourceId);
    expect(await post(hook.token, '{"a":1}')).toMatchObject({ status: 401 });
    expect(await post(token, '{"a":1}')).toMatchObject({ status: 200, body: { added: 1 } });
    const otherOrg = await t.db.organisation.create({ data: { name: "Other" } });
    await expect(rotateWebhookToken(t.db, otherOrg.id, hook.sourceId)).rejects.toThrow("Source not found");
  });
});

// Issue 18 item 7: senders retry; a repeat must add nothing and answer what the first call did.
describe("webhook idempotency and rate limit", () => {
  const signedHeaders = (secret: string, id: string, body: string, ts = Math.floor(Date.now() / 1000)) => ({
    "webhook-id": id,
    "webhook-timestamp": String(ts),
    "webhook-signature": signWebhook(secret, id, ts, body),
  });

  it("a repeated signed webhook-id answers the first result and adds nothing, also past the 5-minute tolerance", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Retrying sender", signed: true });
    const body = JSON.stringify([
      { email: "ann@example.com", plan: "pro" },
      { email: "ben@example.com", plan: "" },
    ]);
    const first = await post(hook.token, body, signedHeaders(hook.secret!, "msg_2LDzBZbdOTLS3Qy9", body));
    expect(first).toEqual({ status: 200, body: { added: 2, firstSeq: 1, lastSeq: 2 } });
    expect(await post(hook.token, body, signedHeaders(hook.secret!, "msg_2LDzBZbdOTLS3Qy9", body))).toEqual(first);
    // Six minutes later (re-signed with a fresh timestamp, as a sender's retry is): still a repeat.
    await t.db.webhookMessage.updateMany({
      where: { sourceId: hook.sourceId },
      data: { createdAt: new Date(Date.now() - 6 * 60 * 1000) },
    });
    expect(await post(hook.token, body, signedHeaders(hook.secret!, "msg_2LDzBZbdOTLS3Qy9", body))).toEqual(first);
    expect(await recordsOf(hook.nexsetId)).toHaveLength(2);
    // Another message id is another call.
    expect(await post(hook.token, body, signedHeaders(hook.secret!, "msg_other", body))).toMatchObject({
      status: 200,
      body: { added: 2, firstSeq: 3 },
    });
  });

  it("an unsigned source takes Idempotency-Key the same way, even for calls arriving at once", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Unsigned retries" });
    const body = JSON.stringify({ email: "cat@example.com", signed_up: "2024-03-01" });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(hook.token, body, { "idempotency-key": "order-1842-created" })),
    );
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { added: 1, firstSeq: 1, lastSeq: 1 } });
    expect(await recordsOf(hook.nexsetId)).toHaveLength(1);
    expect(await post(hook.token, body, { "idempotency-key": "order-1843-created" })).toMatchObject({
      body: { added: 1, firstSeq: 2 },
    });
    expect(await post(hook.token, body, { "idempotency-key": "x".repeat(300) })).toMatchObject({ status: 400 });
    expect(await recordsOf(hook.nexsetId)).toHaveLength(2);
  });

  it("limits calls per source: past the limit a 429, while another source still takes calls", async () => {
    const flooded = await createWebhookSource(t.db, orgId, { name: "Flooded" });
    const quiet = await createWebhookSource(t.db, orgId, { name: "Quiet" });
    const statuses = new Map<number, number>();
    for (let i = 0; i < WEBHOOK_CALLS_PER_MINUTE; i++) {
      const { status } = await post(flooded.token, "[]");
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: WEBHOOK_CALLS_PER_MINUTE });
    expect(await post(flooded.token, '{"a":1}')).toMatchObject({
      status: 429,
      body: { error: { message: expect.stringMatching(/Too many calls to this webhook/) } },
    });
    expect(await recordsOf(flooded.nexsetId)).toEqual([]);
    expect(await post(quiet.token, '{"a":1}')).toMatchObject({ status: 200, body: { added: 1 } });
  }, 120_000);
});
