import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredential } from "@/lib/credentials/create-credential";
import { generateKeySpec } from "@/lib/crypto/keyring";
import { log } from "@/lib/log";
import { closeQueues } from "@/lib/queue/queues";
import { createRedis } from "@/lib/redis/connection";
import { createIntercomSource } from "@/lib/sources/intercom/create-intercom-source";
import { getSourceRun } from "@/lib/sources/list-source-runs";
import { requestSourceRun } from "@/lib/sources/runs/request-source-run";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { createProcessor } from "../processor";
import { JOBS } from "./index";

// End to end through the real queue: requestSourceRun → BullMQ → the source-run job → the
// Intercom sandbox → one transaction into the Nexset.
let t: TestDatabase;
let sandbox: Sandbox;
let worker: Worker;
let orgId: string;
let credentialId: string;
let token: string;
let appId: string;

async function sandboxCall(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function waitForRun(
  runId: string,
  done = (status: string) => status === "succeeded" || status === "failed",
  timeoutMs = 45_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getSourceRun(t.db, orgId, runId);
    if (done(run.status) || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  t = await freshDatabase();
  sandbox = await createSandbox({ port: 0, exportDurationMs: 1_500, logger: { error: () => undefined } });
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
    FLOWGATE_ENCRYPTION_KEYS: generateKeySpec(),
    INTERCOM_SANDBOX_URL: sandbox.url,
  });
  ({ appId, token } = sandbox.createApp({ name: "Sources workspace" }));
  orgId = (await t.db.organisation.create({ data: { name: "Acme" } })).id;
  credentialId = (await createCredential(t.db, orgId, { name: "Sandbox", region: "sandbox", token })).id;
  for (let i = 0; i < 1_000; i += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, j) =>
        sandboxCall("POST", "/contacts", { role: "user", email: `c${i + j}@example.com`, name: `Contact ${i + j}` }),
      ),
    );
  }
  worker = new Worker("sources", createProcessor(JOBS.sources, log), {
    connection: createRedis("worker"),
    prefix: process.env.FLOWGATE_REDIS_PREFIX,
    concurrency: 4,
  });
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await closeQueues();
  await sandbox?.close();
  await t?.drop();
});

describe("Intercom source runs", () => {
  it("lists every contact once through all pages (per_page 150) and shows each call as a step", async () => {
    const { sourceId, nexsetId } = await createIntercomSource(t.db, orgId, {
      name: "All contacts",
      credentialId,
      operation: "list_contacts",
      perPage: 150,
    });
    const { runId, enqueued } = await requestSourceRun(t.db, orgId, sourceId);
    expect(enqueued).toBe(true);
    await expect(requestSourceRun(t.db, orgId, sourceId)).rejects.toThrow(
      "A run of this source is already queued or running",
    );

    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: "succeeded", recordsAdded: 1_000, error: null });
    const records = await t.db.nexsetRecord.findMany({
      where: { nexsetId },
      orderBy: { seq: "asc" },
      select: { data: true },
    });
    const ids = records.map((r) => (r.data as { id: string }).id);
    const emails = records.map((r) => (r.data as { email: string }).email);
    const inSandbox = await sandbox.admin.contacts<{ id: string }>(appId);
    expect(new Set(ids)).toEqual(new Set(inSandbox.map((c) => c.id)));
    expect(ids).toHaveLength(1_000);
    expect(new Set(emails)).toEqual(new Set(Array.from({ length: 1_000 }, (_, i) => `c${i}@example.com`)));

    const pageSteps = run.steps.filter((s) => s.step.startsWith("GET /contacts?"));
    expect(pageSteps).toHaveLength(7);
    expect(pageSteps[0]!.step).toBe("GET /contacts?per_page=150");
    expect(pageSteps.map((s) => (s.output as { count: number }).count)).toEqual([150, 150, 150, 150, 150, 150, 100]);
    expect(
      pageSteps
        .slice(1)
        .every((s, i) => s.step.includes(`starting_after=${(pageSteps[i]!.output as { next: string }).next}`)),
    ).toBe(true);
    expect((pageSteps[6]!.output as { next?: unknown }).next ?? null).toBeNull();
    expect(JSON.stringify(run.steps)).not.toContain(token);
    expect(run.steps.at(-1)).toMatchObject({
      step: "Append records to the Nexset",
      output: { added: 1_000, firstSeq: 1, lastSeq: 1_000 },
    });
    expect(await t.db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ status: "ready" });
  });

  it("adds nothing when a run fails part-way through the pages, and says why", async () => {
    const { sourceId, nexsetId } = await createIntercomSource(t.db, orgId, {
      name: "Flaky contacts",
      credentialId,
      operation: "list_contacts",
      perPage: 50,
    });
    sandbox.setFaults({ appId, latencyMs: 150 });
    const { runId } = await requestSourceRun(t.db, orgId, sourceId);
    // Once the walk is under way, every further page is refused with a permanent 400.
    const started = Date.now();
    for (;;) {
      const run = await getSourceRun(t.db, orgId, runId);
      if (run.steps.filter((s) => s.step.startsWith("GET /contacts")).length >= 2 || Date.now() - started > 20_000)
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    sandbox.setFaults({ appId, latencyMs: 0, errorRate: 1, errorStatus: 400 });
    const run = await waitForRun(runId);
    sandbox.clearFaults(appId);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^Intercom call GET \/contacts failed/);
    const succeededPages = run.steps.filter(
      (s) => s.step.startsWith("GET /contacts") && (s.output as { status: number }).status === 200,
    );
    expect(succeededPages.length).toBeGreaterThanOrEqual(2);
    expect(run.recordsAdded).toBe(0);
    expect(await t.db.nexsetRecord.count({ where: { nexsetId } })).toBe(0);
    expect(await t.db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      status: "error",
      statusMessage: run.error,
    });
  });

  it("runs a content export: create → poll pending/in_progress → completed → download gzipped CSV → records", async () => {
    const me = await sandboxCall("GET", "/me");
    const contacts = (await sandboxCall("GET", "/contacts?per_page=5")).data as { id: string }[];
    for (const [i, contact] of contacts.entries()) {
      await sandboxCall("POST", "/messages", {
        message_type: "email",
        subject: `Welcome ${i}`,
        body: "Hello",
        from: { type: "admin", id: me.id },
        to: { type: "user", id: contact.id },
      });
    }
    const day = new Date().toISOString().slice(0, 10);
    const { sourceId, nexsetId } = await createIntercomSource(t.db, orgId, {
      name: "Message receipts",
      credentialId,
      operation: "content_export",
      exportRange: { createdAtAfter: `${day}T00:00:00Z`, createdAtBefore: `${day}T23:59:59Z` },
    });
    const { runId } = await requestSourceRun(t.db, orgId, sourceId);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: "succeeded", recordsAdded: 5 });
    const names = run.steps.map((s) => s.step);
    expect(names[0]).toBe("Requested");
    expect(names).toContain("Export window");
    expect(run.steps.find((s) => s.step === "POST /export/content/data")?.output).toMatchObject({
      status: 200,
      jobStatus: "pending",
    });
    const polls = run.steps.filter((s) => s.step.startsWith("GET /export/content/data/"));
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect((polls.at(-1)!.output as { jobStatus: string }).jobStatus).toBe("completed");
    const download = run.steps.find((s) => s.step.startsWith("GET /download/content/data/"));
    expect(download?.output).toMatchObject({ status: 200, outcome: "success" });
    const records = await t.db.nexsetRecord.findMany({
      where: { nexsetId },
      orderBy: { seq: "asc" },
      select: { data: true },
    });
    expect(records.map((r) => (r.data as { content_title: string }).content_title).sort()).toEqual([
      "Welcome 0",
      "Welcome 1",
      "Welcome 2",
      "Welcome 3",
      "Welcome 4",
    ]);
    expect(new Set(records.map((r) => (r.data as { user_id: string }).user_id))).toEqual(
      new Set(contacts.map((c) => c.id)),
    );
  });

  it("shows an export that Intercom ends as canceled as a failed run, adding nothing", async () => {
    sandbox.setFaults({ appId, exportDurationMs: 60_000 });
    const { sourceId, nexsetId } = await createIntercomSource(t.db, orgId, {
      name: "Canceled export",
      credentialId,
      operation: "content_export",
    });
    const { runId } = await requestSourceRun(t.db, orgId, sourceId);
    let job: string | undefined;
    const deadline = Date.now() + 20_000;
    while (!job && Date.now() < deadline) {
      const run = await getSourceRun(t.db, orgId, runId);
      job = run.steps.map((s) => (s.output as { job?: string } | null)?.job).find(Boolean);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toBeDefined();
    await sandboxCall("POST", `/export/cancel/${job}`);
    const run = await waitForRun(runId);
    sandbox.clearFaults(appId);
    expect(run.status).toBe("failed");
    expect(run.error).toBe(`Intercom content export ${job} ended as "canceled"`);
    expect(await t.db.nexsetRecord.count({ where: { nexsetId } })).toBe(0);
    const window = run.steps.find((s) => s.step === "Export window");
    expect(window?.input).toMatchObject({ basis: "the last 24 hours (first run)" });
  });
});
