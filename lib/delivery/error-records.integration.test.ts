import { describe, expect, it } from "vitest";
import { activateDestination } from "./destination-lifecycle";
import { createDestinationVersion } from "@/lib/destinations/destination-versions";
import { discardErrorRecords, listErrorRecords, requestErrorReplay } from "./error-records";
import { getDeliveryProgress } from "./monitoring/progress-and-timeline";
import {
  contactPostsByEmail,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture), {
  resetEnv: ["FLOWGATE_DELIVERY_FAILURE_STREAK", "FLOWGATE_DELIVERY_CONCURRENCY", "FLOWGATE_DELIVERY_BULK_POLL_MS"],
});

const progressOf = hooks.progressOf;

describe("error records", () => {
  it("keeps a 4xx as an error record with request, response and reason; replay after fixing the config delivers it", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const records = contactRecords(6);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId, config: { urlTemplate: "/contactz" } });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = await waitFor(progressOf(destinationId), (p) => p.processed === 6, 20_000, "6 records processed");
    expect(progress).toMatchObject({ delivered: 0, errorRecords: 6, errorRecordsRecords: 6, status: "active" });

    const { items } = await listErrorRecords(f.db, f.organisationId, destinationId, { status: "open" });
    expect(items).toHaveLength(6);
    const first = items.find((e) => e.firstSeq === 1)!;
    expect(first).toMatchObject({
      lastSeq: 1,
      responseStatus: 404,
      requestMethod: "POST",
      configVersion: 1,
      status: "open",
    });
    expect(first.reason).toMatch(/404/);
    expect(first.requestUrl).toMatch(/\/contactz$/);
    expect(JSON.parse(first.requestBody!)).toEqual(records[0]);
    expect(first.responseBody).toMatch(/not_found/);
    expect(JSON.stringify(items)).not.toContain(token);
    // A 4xx is not retried blindly: one call per record.
    expect(await f.db.deliveryCall.count({ where: { destinationId } })).toBe(6);

    const current = await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    await createDestinationVersion(f.db, f.organisationId, destinationId, {
      ...(current.config as object),
      urlTemplate: "/contacts",
    });
    // One replayed alone, then the rest with "all".
    expect(await requestErrorReplay(f.db, f.organisationId, destinationId, { ids: [first.id] })).toEqual({ queued: 1 });
    await waitFor(progressOf(destinationId), (p) => p.errorRecords === 5, 20_000, "one error record replayed");
    expect(await requestErrorReplay(f.db, f.organisationId, destinationId, { all: true })).toEqual({ queued: 5 });
    const done = await waitFor(
      progressOf(destinationId),
      (p) => p.errorRecords === 0,
      20_000,
      "all error records replayed",
    );
    expect(done).toMatchObject({ delivered: 6, processed: 6 });

    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of records) expect(posts.get(record.email as string)).toEqual([200]);
    const replays = await f.db.deliveryCall.findMany({ where: { destinationId, kind: "replay" } });
    expect(replays).toHaveLength(6);
    expect(replays.every((c) => c.configVersion === 2 && c.outcome === "success")).toBe(true);
    const after = await listErrorRecords(f.db, f.organisationId, destinationId, {});
    expect(after.items.every((e) => e.status === "replayed" && e.resolvedAt !== null)).toBe(true);
    expect(await requestErrorReplay(f.db, f.organisationId, destinationId, { all: true })).toEqual({ queued: 0 });
  });

  it("replays a bulk error through the bulk job: the job's end decides, as it does for a delivery", async () => {
    process.env.FLOWGATE_DELIVERY_BULK_POLL_MS = "50";
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, bulkJobDurationMs: 300 });
    const records = contactRecords(10);
    // One contact of the batch already exists: the job Intercom accepts ends completed_with_errors.
    await fetch(`${f.sandbox.url}/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "intercom-version": "2.14" },
      body: JSON.stringify({ email: records[4]!.email }),
    });
    const nexsetId = await createNexsetWithRecords(f, records);
    const bulk = {
      intercomVersion: "Preview",
      batching: { enabled: true, size: 10, algorithm: "json_object_property" as const, propertyName: "contacts" },
    };
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { ...bulk, urlTemplate: "/contacts/bulkz" },
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.errorRecords === 1, 20_000, "the batch as an error record");
    const current = await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    await createDestinationVersion(f.db, f.organisationId, destinationId, {
      ...(current.config as object),
      urlTemplate: "/contacts/bulk",
    });

    expect(await requestErrorReplay(f.db, f.organisationId, destinationId, { all: true })).toEqual({ queued: 1 });
    const polled = () => f.db.deliveryCall.count({ where: { destinationId, kind: "replay", method: "GET" } });
    await waitFor(polled, (n) => n > 0, 20_000, "the replayed job polled");
    const [error] = await waitFor(
      () => f.db.errorRecord.findMany({ where: { destinationId } }),
      (rows) => rows.length === 1 && /completed_with_errors/.test(rows[0]!.reason),
      20_000,
      "the error record to say how the job ended",
    );
    // Intercom accepted the job, but it did not deliver every record: the error record stays open.
    expect(error).toMatchObject({ status: "open", firstSeq: 1, lastSeq: 10, configVersion: 2 });
    const replays = await f.db.deliveryCall.findMany({ where: { destinationId, kind: "replay" } });
    expect(replays.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(replays.filter((c) => c.method === "GET").every((c) => /\/contacts\/bulk\/job_/.test(c.url))).toBe(true);
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(10);
  });

  it("discards error records, and validates what it is asked", async () => {
    const { credentialId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(3));
    const destinationId = await createDestination(f, { nexsetId, credentialId, config: { urlTemplate: "/contactz" } });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.errorRecords === 3, 20_000, "3 error records");
    const { items } = await listErrorRecords(f.db, f.organisationId, destinationId, { limit: 2 });
    expect(items).toHaveLength(2);
    expect(await discardErrorRecords(f.db, f.organisationId, destinationId, { ids: [items[0]!.id] })).toBe(1);
    expect(await discardErrorRecords(f.db, f.organisationId, destinationId, { ids: [items[0]!.id] })).toBe(0);
    expect((await listErrorRecords(f.db, f.organisationId, destinationId, { status: "open" })).items).toHaveLength(2);
    expect(await getDeliveryProgress(f.db, f.organisationId, destinationId)).toMatchObject({
      errorRecords: 2,
      delivered: 0,
    });
    await expect(discardErrorRecords(f.db, f.organisationId, destinationId, { ids: ["abc"] })).rejects.toMatchObject({
      code: "bad_input",
    });
    await expect(requestErrorReplay(f.db, f.organisationId, destinationId, {})).rejects.toMatchObject({
      code: "bad_input",
    });
    const other = await f.db.organisation.create({ data: { name: "Other" } });
    await expect(discardErrorRecords(f.db, other.id, destinationId, { all: true })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listErrorRecords(f.db, f.organisationId, destinationId, { status: "open" })).items).toHaveLength(2);
  });

  it("sets the destination to error after a streak of failed calls instead of failing forever", async () => {
    process.env.FLOWGATE_DELIVERY_FAILURE_STREAK = "5";
    process.env.FLOWGATE_DELIVERY_CONCURRENCY = "2";
    const { credentialId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(40));
    const destinationId = await createDestination(f, { nexsetId, credentialId, config: { urlTemplate: "/contactz" } });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = await waitFor(progressOf(destinationId), (p) => p.status === "error", 20_000, "status error");
    const streak = Number(/Stopped after (\d+) consecutive failed calls.*404/.exec(progress.statusMessage ?? "")?.[1]);
    expect(streak).toBeGreaterThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // New calls stop at the fifth failure; only the one other call already in flight (concurrency 2) may follow.
    const calls = await f.db.deliveryCall.count({ where: { destinationId } });
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(calls).toBeLessThanOrEqual(6);
    expect((await getDeliveryProgress(f.db, f.organisationId, destinationId)).processed).toBe(calls);
  });

  it("records a 409 on create with the existing id, as delivered", async () => {
    const { credentialId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const records = contactRecords(3);
    const existing = await fetch(`${f.sandbox.url}/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "intercom-version": "2.14" },
      body: JSON.stringify({ email: records[1]!.email }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = await waitFor(progressOf(destinationId), (p) => p.processed === 3, 20_000, "3 records");
    expect(progress).toMatchObject({ delivered: 3, errorRecords: 0 });
    const conflict = await f.db.deliveryCall.findFirstOrThrow({ where: { destinationId, firstSeq: 2 } });
    expect(conflict).toMatchObject({ outcome: "conflict", responseStatus: 409 });
    expect(conflict.errorMessage).toContain(existing.id);
  });
});
