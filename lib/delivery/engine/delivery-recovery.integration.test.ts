import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendRecords } from "@/lib/nexsets/append-records";
import { freePort } from "@/scripts/services/port";
import { startRedisServer, stopChild } from "@/scripts/services/redis";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import {
  contactPostsByEmail,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  setupDeliveryFixture,
  waitFor,
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

/** Seqs the database counts as done: at or below the cursor, in finished claims, or marked in an open claim's doneMask. */
async function doneSeqs(f: DeliveryFixture, destinationId: string): Promise<Set<number>> {
  const { deliveredThroughSeq } = await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
  const done = new Set<number>();
  for (let seq = 1; seq <= deliveredThroughSeq; seq++) done.add(seq);
  for (const claim of await f.db.deliveryClaim.findMany({ where: { destinationId } })) {
    for (let seq = claim.firstSeq; seq <= claim.lastSeq; seq++) {
      if (claim.status !== "in_flight" || (claim.doneMask & (1n << BigInt(seq - claim.firstSeq))) !== 0n) done.add(seq);
    }
  }
  return done;
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
    const inFlightAtCrash = await f.db.deliveryClaim.findMany({ where: { destinationId, status: "in_flight" } });
    expect(processedAtCrash).toBeLessThan(400);
    expect(inFlightAtCrash.length).toBeLessThanOrEqual(MAX_OPEN_CLAIMS);
    // What Intercom had when the worker died (requests already on the wire land within the latency).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const createdAtCrash = new Set(
      f.sandbox.registry
        .byId(appId)!
        .data.contacts.all()
        .map((c) => c.email),
    );
    const doneAtCrash = await doneSeqs(f, destinationId);

    const second = track(spawnWorkerProcess({ ...f.env, ...WORKER_ENV }));
    await second.ready;
    await waitFor(progress, (p) => p.processed === 400, 40_000, "all 400 records after the restart");

    // Every record reached Intercom: one contact each.
    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.all();
    expect(contacts).toHaveLength(400);
    expect(new Set(contacts.map((c) => c.email))).toEqual(new Set(records.map((r) => r.email)));
    // Sent again means it finds the contact (409). Only records that had reached Intercom but were
    // not yet committed as done may come back: never one the database already counted as done, and
    // never more than were sent and not committed (calls in flight, and answered since the last commit).
    const posts = contactPostsByEmail(f.sandbox, appId);
    const resent = records.filter((r) => posts.get(r.email as string)!.includes(409));
    for (const record of records)
      expect(posts.get(record.email as string)!.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    const resentSeqs = resent.map((r) => records.indexOf(r) + 1);
    expect(resentSeqs.filter((seq) => doneAtCrash.has(seq))).toEqual([]);
    const sentNotDone = records.filter((r, i) => createdAtCrash.has(r.email as string) && !doneAtCrash.has(i + 1));
    expect(resent.length).toBeLessThanOrEqual(sentNotDone.length);
    // That is a few rounds of `concurrency` calls (8 in flight, ≈130 answers a second, commits 50 ms
    // apart), not the open claims' 64 records each: each call's records are committed as done.
    expect(sentNotDone.length).toBeLessThanOrEqual(CONCURRENCY * 6);
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
    for (const record of [...records, ...later])
      expect(posts.get(record.email as string)!.filter((s) => s === 200)).toHaveLength(1);
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(310);
    expect(await worker.kill("SIGTERM")).toBe(0);
  });
});
