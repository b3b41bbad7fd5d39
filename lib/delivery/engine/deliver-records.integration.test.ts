import { describe, expect, it } from "vitest";
import { appendRecords } from "@/lib/nexsets/append-records";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import {
  BULK_CONTACTS_CONFIG,
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
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

const delivered = hooks.progressOf;

describe("delivery", () => {
  it("delivers every record once, records each call, and leaves no claim behind", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const records = contactRecords(40);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);

    const progress = await waitFor(delivered(destinationId), (p) => p.processed === 40, 20_000, "40 records delivered");
    expect(progress).toMatchObject({ total: 40, delivered: 40, backlog: 0, errorRecords: 0 });
    const posts = contactPostsByEmail(f.sandbox, appId);
    expect(posts.size).toBe(40);
    for (const record of records) expect(posts.get(record.email as string)).toEqual([200]);

    const calls = await f.db.deliveryCall.findMany({ where: { destinationId }, orderBy: { firstSeq: "asc" } });
    expect(calls.map((c) => c.firstSeq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(calls.map((c) => `${c.outcome}/${c.responseStatus}/${c.configVersion}/${c.kind}`))).toEqual(
      new Set(["success/200/1/delivery"]),
    );
    const stored = JSON.stringify(calls, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(stored).not.toContain(token);
    expect((calls[0]!.requestHeaders as Record<string, string>).authorization).toMatch(/^Bearer ••••/);
    expect(await f.db.deliveryClaim.count({ where: { destinationId } })).toBe(0);
    const destination = await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    expect(destination.deliveredThroughSeq).toBe(40);
  });

  it("delivers records appended while the destination is active", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(5, 0, "first"));
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(delivered(destinationId), (p) => p.processed === 5, 20_000, "first 5 records");

    const later = contactRecords(7, 0, "later");
    await appendRecords(f.db, nexsetId, later);
    await notifyRecordsAppended(nexsetId, f.db);
    await waitFor(delivered(destinationId), (p) => p.processed === 12, 10_000, "appended records");
    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of later) expect(posts.get(record.email as string)).toEqual([200]);
    expect(posts.size).toBe(12);
  });

  it("polls a Preview bulk job until it ends: completed → delivered, completed_with_errors → an error record", async () => {
    process.env.FLOWGATE_DELIVERY_BULK_POLL_MS = "50";
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, bulkJobDurationMs: 300 });
    const records = contactRecords(25);
    // One contact already exists: its batch's job ends completed_with_errors.
    await fetch(`${f.sandbox.url}/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "intercom-version": "2.14" },
      body: JSON.stringify({ email: records[12]!.email }),
    });
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: BULK_CONTACTS_CONFIG,
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = await waitFor(
      delivered(destinationId),
      (p) => p.processed === 25,
      20_000,
      "25 records in bulk jobs",
    );
    expect(progress).toMatchObject({ delivered: 15, errorRecords: 1, errorRecordsRecords: 10 });

    const calls = await f.db.deliveryCall.findMany({ where: { destinationId }, orderBy: { id: "asc" } });
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts.map((c) => c.recordCount).sort()).toEqual([10, 10, 5]);
    // Every job was polled until it ended (each answered "running" at least once: it takes 300 ms).
    const polls = calls.filter((c) => c.method === "GET");
    expect(polls.length).toBeGreaterThanOrEqual(6);
    expect(polls.every((c) => /\/contacts\/bulk\/job_/.test(c.url))).toBe(true);
    const error = await f.db.errorRecord.findFirstOrThrow({ where: { destinationId } });
    expect(error).toMatchObject({ firstSeq: 11, lastSeq: 20 });
    expect(error.reason).toMatch(/completed_with_errors/);
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(25);
  });

  it("keeps records that cannot be built (a URL placeholder they lack) as error records, without a call", async () => {
    const { credentialId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, [{ contact_id: "abc", name: "x" }, { name: "no id" }]);
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { method: "PUT", urlTemplate: "/contacts/{contact_id}" },
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(delivered(destinationId), (p) => p.processed === 2, 20_000, "2 records");
    const errors = await f.db.errorRecord.findMany({ where: { destinationId }, orderBy: { firstSeq: "asc" } });
    expect(errors.map((e) => [e.firstSeq, e.responseStatus])).toEqual([
      [1, 404],
      [2, null],
    ]);
    expect(errors[1]!.reason).toMatch(/contact_id/);
    expect(await f.db.deliveryCall.count({ where: { destinationId } })).toBe(1);
  });
});
