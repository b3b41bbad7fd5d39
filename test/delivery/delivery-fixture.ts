import { Worker } from "bullmq";
import { afterAll, afterEach, beforeAll } from "vitest";
import { randomBytes } from "node:crypto";
import { sealCredentialToken } from "@/lib/credentials/seal-token";
import type { Db } from "@/lib/db/client";
import { type DestinationConfigInput, destinationConfigSchema } from "@/lib/destinations/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import { log } from "@/lib/log";
import { appendRecords, type JsonRecord } from "@/lib/nexsets/append-records";
import { closeQueues } from "@/lib/queue/queues";
import { createRedis, keyPrefix } from "@/lib/redis/connection";
import { createSandbox, type Sandbox, type SandboxOptions } from "@/sandbox/server";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { JOBS } from "@/workers/jobs";
import { createProcessor } from "@/workers/processor";
import { startDeliveryService } from "@/workers/delivery-service";

// Integration-test scaffolding for delivery: a private database, a private Redis prefix, the
// Intercom sandbox in-process, and a worker (BullMQ Worker + delivery service) in-process or as a
// child process. Nothing here is mocked: the code under test talks to real PostgreSQL, Redis and HTTP.

export const TEST_ENCRYPTION_KEYS = "test:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

export interface DeliveryFixture {
  t: TestDatabase;
  db: Db;
  sandbox: Sandbox;
  organisationId: string;
  /** The environment a worker process needs to join this test. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function setupDeliveryFixture(
  sandboxOptions: SandboxOptions = {},
  redis = redisUrl(),
): Promise<DeliveryFixture> {
  const t = await freshDatabase();
  const sandbox = await createSandbox({
    port: 0,
    logger: { error: () => undefined },
    requestLogSize: 100_000,
    // The sandbox's search lags writes as Intercom's does (its default); a test that needs another
    // lag passes `searchIndexLagMs` here or sets it per app with the searchIndexLagMs fault.
    ...sandboxOptions,
  });
  const env: Record<string, string> = {
    DATABASE_URL: t.url,
    REDIS_URL: redis,
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
    INTERCOM_SANDBOX_URL: sandbox.url,
    FLOWGATE_ENCRYPTION_KEYS: process.env.FLOWGATE_ENCRYPTION_KEYS ?? TEST_ENCRYPTION_KEYS,
  };
  Object.assign(process.env, env);
  const org = await t.db.organisation.create({ data: { name: `Org ${randomBytes(3).toString("hex")}` } });
  return {
    t,
    db: t.db,
    sandbox,
    organisationId: org.id,
    env,
    async close() {
      await closeQueues();
      await sandbox.close();
      await t.drop();
    },
  };
}

export async function createSandboxCredential(
  f: DeliveryFixture,
  opts: { rateLimitPer10s?: number; sandboxRateLimitPer10s?: number } = {},
) {
  const app = f.sandbox.createApp({
    name: "Delivery test",
    ...(opts.sandboxRateLimitPer10s ? { rateLimitPer10s: opts.sandboxRateLimitPer10s } : {}),
  });
  const credential = await f.db.credential.create({
    data: {
      ...sealCredentialToken(f.organisationId, app.token),
      organisationId: f.organisationId,
      name: "Sandbox",
      region: "sandbox",
      rateLimitPer10s: opts.rateLimitPer10s ?? null,
    },
  });
  return { credentialId: credential.id, appId: app.appId, token: app.token };
}

export async function createNexsetWithRecords(f: DeliveryFixture, records: readonly JsonRecord[]): Promise<string> {
  const source = await f.db.source.create({
    data: { organisationId: f.organisationId, kind: "webhook", name: "Test source" },
  });
  const nexset = await f.db.nexset.create({
    data: { organisationId: f.organisationId, sourceId: source.id, name: "Test nexset" },
  });
  if (records.length > 0) await appendRecords(f.db, nexset.id, records);
  return nexset.id;
}

export function contactRecords(count: number, offset = 0, tag = randomBytes(3).toString("hex")): JsonRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    email: `user${offset + i}-${tag}@example.com`,
    name: `User ${offset + i}`,
    external_id: `ext-${tag}-${offset + i}`,
  }));
}

/** Preview's bulk contact create, ten records a job (the job is polled until it ends). */
export const BULK_CONTACTS_CONFIG = {
  urlTemplate: "/contacts/bulk",
  intercomVersion: "Preview",
  batching: { enabled: true, size: 10, algorithm: "json_object_property", propertyName: "contacts" },
} satisfies Partial<DestinationConfigInput>;

export async function createDestination(
  f: DeliveryFixture,
  input: { nexsetId: string; credentialId: string; config?: Partial<DestinationConfigInput>; status?: string },
): Promise<string> {
  const config = destinationConfigSchema.parse({
    method: "POST",
    urlTemplate: "/contacts",
    intercomVersion: "2.14",
    ...input.config,
  });
  const destination = await f.db.destination.create({
    data: {
      organisationId: f.organisationId,
      nexsetId: input.nexsetId,
      credentialId: input.credentialId,
      name: "Test destination",
      config: config as unknown as Prisma.InputJsonValue,
      status: input.status ?? "draft",
      configVersions: { create: { version: 1, config: config as unknown as Prisma.InputJsonValue } },
    },
  });
  return destination.id;
}

export interface InProcessWorker {
  stop(): Promise<void>;
}

/** The worker's delivery side, in this process: a BullMQ Worker on the delivery queue plus the delivery service. */
export function startInProcessWorker(concurrency = 8): InProcessWorker {
  const workerLog = log.child({ service: "test-worker" });
  const worker = new Worker("delivery", createProcessor(JOBS.delivery, workerLog), {
    connection: createRedis("worker"),
    prefix: keyPrefix(),
    concurrency,
  });
  worker.on("error", () => undefined);
  const service = startDeliveryService(workerLog);
  return {
    async stop() {
      await service.stop();
      await worker.close();
    },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value, replacer)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? String(value) : value;
}

/** Requests the sandbox received for POST /contacts, keyed by the email in their body. */
export function contactPostsByEmail(sandbox: Sandbox, appId: string): Map<string, (number | null)[]> {
  const byEmail = new Map<string, (number | null)[]>();
  for (const request of sandbox.requests(appId)) {
    if (request.method !== "POST" || request.path !== "/contacts") continue;
    const email = (request.body as { email?: string } | null)?.email ?? "?";
    byEmail.set(email, [...(byEmail.get(email) ?? []), request.status]);
  }
  return byEmail;
}

export interface DeliveryTestHooks {
  /** Starts an in-process worker; it is stopped after the test. */
  startWorker(): InProcessWorker;
  /** A probe of a destination's progress, for waitFor. */
  progressOf(destinationId: string): () => ReturnType<typeof getDeliveryProgress>;
}

/**
 * A test file's fixture lifecycle: `env` is set before the fixture starts, `resetEnv` variables are
 * removed after each test (with the test's worker stopped), the fixture is closed after the file.
 * `onReady` receives the fixture once it exists (tests keep it in their own `let f`).
 */
export function deliveryTestLifecycle(
  onReady: (fixture: DeliveryFixture) => void,
  options: { env?: Record<string, string>; resetEnv?: string[] } = {},
): DeliveryTestHooks {
  let fixture: DeliveryFixture | undefined;
  let worker: InProcessWorker | undefined;
  beforeAll(async () => {
    Object.assign(process.env, options.env);
    fixture = await setupDeliveryFixture();
    onReady(fixture);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    for (const name of options.resetEnv ?? []) delete process.env[name];
  });
  afterAll(() => fixture?.close());
  return {
    startWorker: () => (worker = startInProcessWorker()),
    progressOf: (destinationId) => () => getDeliveryProgress(fixture!.db, fixture!.organisationId, destinationId),
  };
}
