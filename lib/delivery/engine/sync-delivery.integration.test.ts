import { describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { waitForSearch } from "@/sandbox/test-support";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { notifyRecordsAppended } from "@/lib/delivery/enqueue-delivery";
import { listCallSummaries } from "@/lib/delivery/monitoring/list-call-summaries";
import { getDeliveryTimeline } from "@/lib/delivery/monitoring/progress-and-timeline";
import { countRecordOutcomes } from "@/lib/delivery/monitoring/record-outcomes";
import { requestErrorReplay } from "@/lib/delivery/error-records";
import { appendRecords, type JsonRecord } from "@/lib/nexsets/append-records";
import {
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

// Sync operations end to end through the real worker: PostgreSQL, Redis, the sandbox (its search
// lagging writes, as Intercom's does). Records are flat exports, as users upload them.

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

/** A CRM export: text everywhere, some phones missing. */
function people(count: number, offset: number, plan: string, withExternalId = true): JsonRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    return {
      ...(withExternalId ? { external_id: `crm-${n}` } : {}),
      email: `person${n}@example.com`,
      name: `Person ${n} (${plan})`,
      ...(n % 3 === 0 ? {} : { phone: `+35387${String(1_000_000 + n)}` }),
    };
  });
}

const fromAttribute = (target: string, path = target) => ({ target, source: { kind: "attribute" as const, path } });
/** The export with its plan column (Intercom refuses a body field it does not know: it needs mapping). */
const withPlan = (records: JsonRecord[], plan: string) => records.map((record) => ({ ...record, plan }));

/** The export's columns mapped onto Intercom's fields, the plan into the custom attribute "tier". */
const MAPPING = {
  enabled: true,
  rows: [
    fromAttribute("external_id"),
    fromAttribute("email"),
    fromAttribute("name"),
    fromAttribute("phone"),
    fromAttribute("custom_attributes.tier", "plan"),
  ],
};

async function syncDestination(nexsetId: string, credentialId: string, endpointId: string, identifier?: string) {
  return createDestination(f, {
    nexsetId,
    credentialId,
    config: {
      endpointId,
      urlTemplate: endpointId.startsWith("sync.companies") ? "/companies" : "/contacts",
      ...(identifier ? { syncIdentifier: identifier as "email" | "external_id" } : {}),
    },
  });
}

const processed = (destinationId: string, n: number) =>
  waitFor(hooks.progressOf(destinationId), (p) => p.processed >= n && p.inFlight === 0, 60_000, `${n} processed`);

const contactsOf = (sandbox: Sandbox, appId: string) => sandbox.registry.byId(appId)!.data.contacts.all();

describe("create or update a contact", () => {
  it("1,000 created, then the same 1,000 with a changed custom attribute plus 100 new: exactly 1,100 contacts, all with the new value", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, searchIndexLagMs: 60_000 });
    const attribute = await fetch(`${f.sandbox.url}/data_attributes`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "tier", model: "contact", data_type: "string" }),
    });
    expect(attribute.status).toBe(200);
    const nexsetId = await createNexsetWithRecords(f, withPlan(people(1000, 0, "free"), "free"));
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { endpointId: "sync.contacts.upsert", urlTemplate: "/contacts", mapping: MAPPING },
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await processed(destinationId, 1000);

    await appendRecords(f.db, nexsetId, withPlan(people(1100, 0, "pro"), "pro"));
    await notifyRecordsAppended(nexsetId, f.db);
    const progress = await processed(destinationId, 2100);
    expect(progress).toMatchObject({ errorRecords: 0, delivered: 2100 });

    const contacts = contactsOf(f.sandbox, appId);
    expect(contacts).toHaveLength(1100);
    expect(contacts.filter((c) => c.customAttributes.tier !== "pro" || !c.name?.endsWith("(pro)"))).toEqual([]);
    expect(await countRecordOutcomes(f.db, f.organisationId, destinationId)).toMatchObject({
      created: 1100,
      updated: 1000,
      exists_not_updated: 0,
    });
    // The 409 named the id every time: no search, two calls per existing record.
    const requests = f.sandbox.requests(appId);
    expect(requests.filter((r) => r.path === "/contacts/search")).toHaveLength(0);
    // (The sandbox app keeps its own 1,666 per 10 s: a few calls meet a 429 and are sent again.)
    expect(requests.filter((r) => r.method === "PUT" && r.status === 200)).toHaveLength(1000);
    // Every call is in the activity log with its step (429s, waited out, are there too).
    const steps = await f.db.deliveryCall.groupBy({
      by: ["syncStep"],
      where: { destinationId, outcome: { in: ["success", "conflict"] } },
      _count: true,
    });
    expect(Object.fromEntries(steps.map((s) => [s.syncStep, s._count]))).toEqual({ create: 2100, update: 1000 });
  });

  it("by email, with an archived contact unarchived and updated", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, people(20, 0, "free", false));
    const destinationId = await syncDestination(nexsetId, credentialId, "sync.contacts.upsert", "email");
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await processed(destinationId, 20);
    const store = f.sandbox.registry.byId(appId)!.data.contacts;
    store.setArchived(store.findByEmail("person5@example.com")!, true);

    await appendRecords(f.db, nexsetId, people(22, 0, "pro", false));
    await notifyRecordsAppended(nexsetId, f.db);
    await processed(destinationId, 42);
    const contacts = contactsOf(f.sandbox, appId);
    expect(contacts).toHaveLength(22);
    expect(contacts.every((c) => !c.archived && c.name?.endsWith("(pro)"))).toBe(true);
    expect(await countRecordOutcomes(f.db, f.organisationId, destinationId)).toMatchObject({
      created: 22,
      updated: 20,
    });
  });

  it("the same identifier twice in one run, and in two destinations at once, ends as one contact", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    f.sandbox.setFaults({ appId, searchIndexLagMs: 60_000, latencyMs: 20 });
    const twice = [...people(30, 0, "a"), ...people(30, 0, "b")];
    const nexsetId = await createNexsetWithRecords(f, twice);
    const first = await syncDestination(nexsetId, credentialId, "sync.contacts.upsert");
    const second = await syncDestination(nexsetId, credentialId, "sync.contacts.upsert");
    hooks.startWorker();
    await Promise.all([first, second].map((id) => activateDestination(f.db, f.organisationId, id)));
    await Promise.all([processed(first, 60), processed(second, 60)]);
    expect(contactsOf(f.sandbox, appId)).toHaveLength(30);
    for (const id of [first, second]) expect((await hooks.progressOf(id)()).errorRecords).toBe(0);
  });

  it("a record with no identifier is an error record naming it, and nothing is sent for it", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const records = [...people(2, 0, "x"), { external_id: "", email: "blank@example.com", name: "Blank" }];
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await syncDestination(nexsetId, credentialId, "sync.contacts.upsert", "external_id");
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await processed(destinationId, 3);
    const errors = await f.db.errorRecord.findMany({ where: { destinationId } });
    expect(errors.map((e) => [e.firstSeq, e.reason])).toEqual([
      [3, "The record has no external_id (missing or empty): nothing was sent"],
    ]);
    expect(f.sandbox.requests(appId).some((r) => JSON.stringify(r.body).includes("blank@"))).toBe(false);
  });
});

describe("monitoring by outcome", () => {
  it("counts, charts and filters records by outcome; a plain create's 409 is “not updated — exists”", async () => {
    const { credentialId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, people(3, 0, "old"));
    const upsert = await syncDestination(nexsetId, credentialId, "sync.contacts.upsert");
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, upsert);
    await processed(upsert, 3);
    await appendRecords(f.db, nexsetId, [...people(2, 0, "new"), ...people(1, 3, "new")]);
    await notifyRecordsAppended(nexsetId, f.db);
    const progress = await processed(upsert, 6);
    expect(progress.outcomes).toMatchObject({ created: 4, updated: 2, exists_not_updated: 0 });
    const minutes = await getDeliveryTimeline(f.db, f.organisationId, upsert, { minutes: 5 });
    expect(minutes.reduce((n, m) => n + m.created, 0)).toBe(4);
    expect(minutes.reduce((n, m) => n + m.updated, 0)).toBe(2);
    const updated = await listCallSummaries(f.db, f.organisationId, upsert, { recordOutcome: "updated" });
    expect(updated.items.map((c) => [c.method, c.syncStep, c.firstSeq])).toEqual([
      ["PUT", "update", 5],
      ["PUT", "update", 4],
    ]);

    // The same people through plain "Create a contact": Intercom keeps the old values.
    const plain = await createDestination(f, { nexsetId, credentialId, config: { urlTemplate: "/contacts" } });
    await activateDestination(f.db, f.organisationId, plain);
    const plainProgress = await processed(plain, 6);
    expect(plainProgress.outcomes).toMatchObject({ exists_not_updated: 6, created: 0 });
    const exists = await listCallSummaries(f.db, f.organisationId, plain, { recordOutcome: "exists_not_updated" });
    expect(exists.items).toHaveLength(6);
  });
});

describe("update, archive and delete by identifier", () => {
  it("update: no match is an error record; archive and delete: no match is already gone", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const seeds = people(4, 0, "seed");
    const seedNexset = await createNexsetWithRecords(f, seeds);
    const seed = await syncDestination(seedNexset, credentialId, "sync.contacts.upsert");
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, seed);
    await processed(seed, 4);
    // Update, archive and delete find the contact by search, which lags creation: wait until the
    // seeded contacts are indexed, as a client would, so "no match" below means no such contact.
    await waitForSearch(f.sandbox.url, token, { field: "email", operator: "IN", value: seeds.map((p) => p.email) }, 4);

    const run = async (endpointId: string, records: JsonRecord[]) => {
      const nexsetId = await createNexsetWithRecords(f, records);
      const id = await syncDestination(nexsetId, credentialId, endpointId, "email");
      await activateDestination(f.db, f.organisationId, id);
      await processed(id, records.length);
      return id;
    };
    const update = await run("sync.contacts.update", [...people(1, 0, "new"), ...people(1, 9, "ghost")]);
    expect(await countRecordOutcomes(f.db, f.organisationId, update)).toMatchObject({ updated: 1, created: 0 });
    expect((await f.db.errorRecord.findMany({ where: { destinationId: update } })).map((e) => e.reason)).toEqual([
      "no contact with email=person9@example.com (a contact created in the last few minutes may not be in Intercom's search index yet: replay the record later)",
    ]);
    const archive = await run("sync.contacts.archive", [...people(1, 1, "-"), ...people(1, 9, "-")]);
    expect(await countRecordOutcomes(f.db, f.organisationId, archive)).toMatchObject({ archived: 1, already_gone: 1 });
    const remove = await run("sync.contacts.delete", [...people(1, 2, "-"), ...people(1, 9, "-")]);
    expect(await countRecordOutcomes(f.db, f.organisationId, remove)).toMatchObject({ deleted: 1, already_gone: 1 });

    const contacts = contactsOf(f.sandbox, appId);
    expect(contacts.map((c) => [c.email, c.archived, c.name])).toEqual([
      ["person0@example.com", false, "Person 0 (new)"],
      ["person1@example.com", true, "Person 1 (seed)"],
      ["person3@example.com", false, "Person 3 (seed)"],
    ]);

    // Once the contact exists, replaying the error record runs the same sequence and updates it.
    const store = f.sandbox.registry.byId(appId)!.data.contacts;
    store.insert({
      ...store.findByEmail("person3@example.com")!,
      id: "aaaaaaaaaaaaaaaaaaaaaaa9",
      email: "person9@example.com",
      externalId: "crm-9",
    });
    expect(await requestErrorReplay(f.db, f.organisationId, update, { all: true })).toEqual({ queued: 1 });
    await waitFor(hooks.progressOf(update), (p) => p.errorRecords === 0, 20_000, "the error record replayed");
    expect(store.findByEmail("person9@example.com")!.name).toBe("Person 9 (ghost)");
    const replayed = await f.db.deliveryCall.findMany({
      where: { destinationId: update, kind: "replay" },
      orderBy: { id: "asc" },
    });
    expect(replayed.map((c) => [c.syncStep, c.recordOutcome])).toEqual([
      ["search", null],
      ["update", "updated"],
    ]);
  });
});

describe("companies", () => {
  it("create or update a company and attach the contact: each contact attached to its company", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const rows = [
      { company_id: "acme", name: "Acme", contact_email: "ann@acme.test" },
      { company_id: "acme", name: "Acme Ltd", contact_email: "bob@acme.test" },
      { company_id: "globex", name: "Globex", contact_email: "cy@globex.test" },
    ];
    const nexsetId = await createNexsetWithRecords(f, rows);
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: {
        endpointId: "sync.companies.upsert_attach",
        urlTemplate: "/companies",
        syncIdentifier: "email",
        syncContactAttribute: "contact_email",
        excludedAttributes: ["contact_email"],
      },
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await processed(destinationId, 3);
    const data = f.sandbox.registry.byId(appId)!.data;
    const companyOf = (email: string) =>
      [...data.contacts.findByEmail(email)!.companyIds].map((id) => data.companies.get(id)!.companyId);
    expect(companyOf("ann@acme.test")).toEqual(["acme"]);
    expect(companyOf("bob@acme.test")).toEqual(["acme"]);
    expect(companyOf("cy@globex.test")).toEqual(["globex"]);
    expect(data.companies.size).toBe(2);
    expect((await hooks.progressOf(destinationId)()).errorRecords).toBe(0);
  });
});
