import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendRecords } from "@/lib/nexsets/append-records";
import { freePort } from "@/scripts/services/port";
import { startRedisServer, stopChild } from "@/scripts/services/redis";
import { activateDestination } from "./destination-lifecycle";
import { notifyRecordsAppended } from "./enqueue-delivery";
import { getDeliveryProgress } from "./monitoring";
import {
  contactPostsByEmail, contactRecords, createDestination, createNexsetWithRecords, createSandboxCredential, type DeliveryFixture,
  setupDeliveryFixture, waitFor,
} from "@/test/delivery/delivery-fixture";
import { spawnWorkerProcess, type WorkerProcess } from "@/test/delivery/worker-process";

// Crashes and outages with real processes: a worker killed with SIGKILL, and Redis restarted
// (empty) under a running worker.

const CONCURRENCY = 8;
const MAX_OPEN_CLAIMS = 16;
const WORKER_ENV = {
  FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY),
  FLOWGATE_DELIVERY_MAX_OPEN_CLAIMS: String(MAX_OPEN_CLAIMS),
  FLOWGATE_DELIVERY_RECONCILE_MS: "1000",
  WORKER_CONCURRENCY: "4",
};
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function track(worker: WorkerProcess): WorkerProcess {
  cleanups.push(() => worker.kill("SIGKILL"));
  return worker;
}

describe("delivery recovery", () => {
  it("after kill -9 of a worker mid-run, a new worker delivers everything; duplicates stay within what was in flight", async () => {
    const f: DeliveryFixture = await setupDeliveryFixture();
    cleanups.push(() => f.close());
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, latencyMs: 60 });
    const records = contactRecords(400);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    const first = track(spawnWorkerProcess({ ...f.env, ...WORKER_ENV }));
    await first.ready;
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = () => getDeliveryProgress(f.db, f.organisationId, destinationId);
    await waitFor(progress, (p) => p.processed >= 80, 30_000, "80 records before the crash");

    await first.kill("SIGKILL");
    const processedAtCrash = (await progress()).processed;
    const inFlightAtCrash = await f.db.deliveryClaim.count({ where: { destinationId, status: "in_flight" } });
    expect(processedAtCrash).toBeLessThan(400);
    expect(inFlightAtCrash).toBeLessThanOrEqual(MAX_OPEN_CLAIMS);

    const second = track(spawnWorkerProcess({ ...f.env, ...WORKER_ENV }));
    await second.ready;
    await waitFor(progress, (p) => p.processed === 400, 40_000, "all 400 records after the restart");

    // Every record reached Intercom: one contact each.
    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.all();
    expect(contacts).toHaveLength(400);
    expect(new Set(contacts.map((c) => c.email))).toEqual(new Set(records.map((r) => r.email)));
    // A claim open at the crash may have been sent: sent again, it finds the contact (409). Claims
    // still waiting for a call slot were not sent, so at most `concurrency` calls plus those
    // answered but not yet committed come back as duplicates.
    // (The sandbox does not log a request whose caller vanished, so count the 409s.)
    const posts = contactPostsByEmail(f.sandbox, appId);
    const resent = records.filter((r) => posts.get(r.email as string)!.includes(409));
    for (const record of records) expect(posts.get(record.email as string)!.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    if (resent.length > inFlightAtCrash) {
      const seqs = resent.map((r) => records.indexOf(r) + 1);
      const calls = await f.db.deliveryCall.findMany({ where: { destinationId, firstSeq: { in: seqs } }, orderBy: { id: "asc" }, select: { firstSeq: true, outcome: true, attempt: true, createdAt: true } });
      console.log("DIAG", inFlightAtCrash, processedAtCrash, JSON.stringify(seqs), JSON.stringify(calls));
    }
    expect(resent.length).toBeLessThanOrEqual(inFlightAtCrash);
    for (const record of resent) expect(posts.get(record.email as string)!.at(-1)).toBe(409);
    expect(await f.db.deliveryCall.count({ where: { destinationId, outcome: "conflict" } })).toBe(resent.length);

    // A graceful stop exits cleanly.
    expect(await second.kill("SIGTERM")).toBe(0);
  });

  it("keeps delivering when Redis restarts empty under a running worker, without restarting the worker", async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), "flowgate-redis-"));
    let redis: ChildProcess & { ready: Promise<void> } = startRedisServer(port, dir, false);
    cleanups.push(async () => {
      await stopChild(redis);
      rmSync(dir, { recursive: true, force: true });
    });
    await redis.ready;
    const f = await setupDeliveryFixture({}, `redis://127.0.0.1:${port}`);
    cleanups.push(() => f.close());
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, latencyMs: 40 });
    const records = contactRecords(300);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    const worker = track(spawnWorkerProcess({ ...f.env, ...WORKER_ENV, FLOWGATE_DELIVERY_CONCURRENCY: "4" }));
    await worker.ready;
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = () => getDeliveryProgress(f.db, f.organisationId, destinationId);
    await waitFor(progress, (p) => p.processed >= 40, 30_000, "40 records before the Redis restart");

    redis.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    redis = startRedisServer(port, dir, false);
    await redis.ready;
    await waitFor(progress, (p) => p.processed === 300, 40_000, "all records after the Redis restart");

    // The same worker process is still there, and still takes new work from the (new, empty) Redis.
    expect(worker.child.exitCode).toBeNull();
    const later = contactRecords(10, 0, "after-redis");
    await appendRecords(f.db, nexsetId, later);
    await notifyRecordsAppended(nexsetId, f.db);
    await waitFor(progress, (p) => p.processed === 310, 20_000, "records appended after the restart");

    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of [...records, ...later]) expect(posts.get(record.email as string)!.filter((s) => s === 200)).toHaveLength(1);
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(310);
    expect(await worker.kill("SIGTERM")).toBe(0);
  });
});
