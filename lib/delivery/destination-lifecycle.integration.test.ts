import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { activateDestination, pauseDestination, resumeDestination } from "./destination-lifecycle";
import { createDestinationVersion } from "@/lib/destinations/destination-versions";
import { loadDeliverySettings } from "./engine/delivery-settings";
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
// The ceiling on calls in flight as it was before they adapted to the answer time: with a budget of
// 100,000 and 50 ms answers, the adaptive window would start all 600 records' calls before the edit.
const hooks = deliveryTestLifecycle((fixture) => (f = fixture), { env: { FLOWGATE_DELIVERY_CONCURRENCY: "16" } });

const progressOf = hooks.progressOf;

describe("activate, pause, resume", () => {
  it("pause stops new calls within 2 s; resume continues from the cursor, sending nothing twice", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, latencyMs: 50 });
    const records = contactRecords(1_000);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.processed >= 40, 20_000, "40 records before pausing");

    const paused = await pauseDestination(f.db, f.organisationId, destinationId);
    const pausedAt = Date.now();
    expect(paused.status).toBe("paused");
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const requests = f.sandbox.requests(appId);
    const lastCallAt = Math.max(...requests.map((r) => Date.parse(r.time)));
    expect(lastCallAt - pausedAt).toBeLessThan(2_000);
    const atPause = await getDeliveryProgress(f.db, f.organisationId, destinationId);
    expect(atPause.processed).toBeLessThan(1_000);
    expect(atPause.status).toBe("paused");
    // Nothing more while paused.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(f.sandbox.requests(appId)).toHaveLength(requests.length);

    expect((await resumeDestination(f.db, f.organisationId, destinationId)).status).toBe("active");
    await waitFor(progressOf(destinationId), (p) => p.processed === 1_000, 30_000, "all records after resuming");
    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of records) expect(posts.get(record.email as string)).toEqual([200]);
  });

  it("records the config version each call used; an edit applies to the next calls", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, latencyMs: 50 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(600));
    const destinationId = await createDestination(f, { nexsetId, credentialId, config: { excludedAttributes: [] } });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(progressOf(destinationId), (p) => p.processed >= 20, 20_000, "20 records on version 1");

    const current = await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    const edited = await createDestinationVersion(f.db, f.organisationId, destinationId, {
      ...(current.config as object),
      excludedAttributes: ["name"],
    });
    expect(edited.version).toBe(2);
    await waitFor(progressOf(destinationId), (p) => p.processed === 600, 30_000, "all records");

    const versions = await f.db.destinationConfigVersion.findMany({
      where: { destinationId },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect((versions[1]!.config as { excludedAttributes: string[] }).excludedAttributes).toEqual(["name"]);
    const calls = await f.db.deliveryCall.findMany({ where: { destinationId }, orderBy: { id: "asc" } });
    expect(calls.some((c) => c.configVersion === 1) && calls.some((c) => c.configVersion === 2)).toBe(true);
    // Once a call carried version 2, Intercom saw no version-1 call after it but those already in
    // flight then (calls start in order; they may end, and be logged, in any order).
    const arrived = f.sandbox
      .requests(appId)
      .filter((r) => r.method === "POST" && r.path === "/contacts")
      .sort((a, b) => a.time.localeCompare(b.time));
    const carriesName = (r: (typeof arrived)[number]) => (r.body as { name?: string }).name !== undefined;
    const firstV2 = arrived.findIndex((r) => !carriesName(r));
    expect(firstV2).toBeGreaterThan(0);
    expect(arrived.slice(firstV2).filter(carriesName).length).toBeLessThan(loadDeliverySettings().concurrency);
    for (const call of calls) expect(JSON.parse(call.requestBody!).name === undefined).toBe(call.configVersion === 2);
  });

  it("refuses what makes no sense and keeps each organisation's destinations to itself", async () => {
    const { credentialId } = await createSandboxCredential(f);
    const nexsetId = await createNexsetWithRecords(f, []);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    await expect(pauseDestination(f.db, f.organisationId, destinationId)).rejects.toMatchObject({ code: "conflict" });
    await expect(resumeDestination(f.db, f.organisationId, destinationId)).rejects.toMatchObject({ code: "conflict" });
    const other = await f.db.organisation.create({ data: { name: "Other" } });
    await expect(activateDestination(f.db, other.id, destinationId)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createDestinationVersion(f.db, other.id, destinationId, { method: "POST", urlTemplate: "/contacts" }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      createDestinationVersion(f.db, f.organisationId, destinationId, { method: "YELL" }),
    ).rejects.toMatchObject({ code: "bad_input" });
    expect((await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).configVersion).toBe(1);

    await f.db.destination.update({ where: { id: destinationId }, data: { config: { method: "POST" } } });
    await expect(activateDestination(f.db, f.organisationId, destinationId)).rejects.toMatchObject({
      code: "invalid_config",
    });
    expect((await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).status).toBe("draft");
  });
});
