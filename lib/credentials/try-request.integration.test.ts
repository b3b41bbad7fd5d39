import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { DomainError } from "@/lib/errors";
import { readBudget } from "@/lib/rate-limit/credential-budget";
import { producerRedis } from "@/lib/redis/connection";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { createCredential } from "./create-credential";
import { tryRequest } from "./try-request";

let t: TestDatabase;
let sandbox: Sandbox;
let org: string;
let credentialId: string;
let appId: string;
const saved = { ...process.env };

beforeAll(async () => {
  t = await freshDatabase();
  sandbox = await createSandbox({ logger: { error: () => undefined } });
  Object.assign(process.env, {
    FLOWGATE_ENCRYPTION_KEYS: `try:${randomBytes(32).toString("base64")}`,
    INTERCOM_SANDBOX_URL: sandbox.url,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
  });
  resetKeyringCache();
  org = (await t.db.organisation.create({ data: { name: "Try" } })).id;
  const app = sandbox.createApp({ name: "Try workspace" });
  appId = app.appId;
  for (const email of ["ada@example.com", "alan@example.com", "grace@example.com"])
    await fetch(`${sandbox.url}/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${app.token}`, "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
  credentialId = (await createCredential(t.db, org, { name: "Try", region: "sandbox", token: app.token })).id;
});
afterAll(async () => {
  await sandbox?.close();
  await closeIntercomDispatcher();
  producerRedis().disconnect();
  await t?.drop();
  process.env = saved;
  resetKeyringCache();
});

describe("Try a request", () => {
  it("GET /contacts?per_page=2 answers with status, rate-limit headers, body and time, counted in the budget", async () => {
    const answer = await tryRequest(t.db, org, credentialId, {
      method: "GET",
      path: "/contacts",
      query: [{ key: "per_page", value: "2" }],
      headers: [{ key: "Intercom-Version", value: "2.14" }],
    });
    expect(answer).toMatchObject({ status: 200, outcome: "success", url: `${sandbox.url}/contacts?per_page=2` });
    expect(Object.keys(answer.rateLimit).map((k) => k.toLowerCase())).toContain("x-ratelimit-remaining");
    expect((JSON.parse(answer.body) as { data: unknown[] }).data).toHaveLength(2);
    expect((await readBudget(producerRedis(), credentialId)).used).toBeGreaterThanOrEqual(1);
  });

  it("sends a JSON body", async () => {
    const answer = await tryRequest(t.db, org, credentialId, {
      method: "POST",
      path: "/contacts",
      body: JSON.stringify({ email: "new@example.com" }),
    });
    expect(answer.status).toBe(200);
  });

  it("a 403 names the permission the connection lacks", async () => {
    sandbox.setFaults({ appId, errorRate: 1, errorStatus: 403 });
    try {
      const answer = await tryRequest(t.db, org, credentialId, {
        method: "POST",
        path: "/contacts/search",
        body: "{}",
      });
      expect(answer.status).toBe(403);
      expect(answer.errorMessage).toContain(
        "Intercom refused: this connection lacks the 'Read and list users and companies' permission needed by",
      );
    } finally {
      sandbox.setFaults({ appId, errorRate: 0 });
    }
  });

  it.each([
    [{ method: "GET", path: "https://evil.example/contacts" }, "path"],
    [{ method: "GET", path: "//evil.example/contacts" }, "path"],
    [{ method: "GET", path: "/../__sandbox/apps" }, "path"],
    [{ method: "GET", path: "/__sandbox/apps" }, "path"],
    [{ method: "GET", path: "/%5F%5Fsandbox/apps" }, "path"],
    [{ method: "GET", path: "/me", headers: [{ key: "Authorization", value: "Bearer x" }] }, "headers"],
    [{ method: "POST", path: "/contacts", body: "{not json" }, "body"],
  ])("refuses %j before any call", async (input, field) => {
    const before = sandbox.requests().length;
    const error = await tryRequest(t.db, org, credentialId, input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe(field);
    expect(sandbox.requests().length).toBe(before);
    expect(sandbox.requests(appId).every((r) => !r.path.startsWith("/__sandbox"))).toBe(true);
  });
});
