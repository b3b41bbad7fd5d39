import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeySpec } from "@/lib/crypto/keyring";
import { appendRecords } from "@/lib/nexsets/append-records";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { deleteSource } from "./delete-source";
import { createFileSource } from "./file/create-file-source";
import { getSource } from "./get-source";
import { createIntercomSource } from "./intercom/create-intercom-source";
import { listSourceRuns, getSourceRun } from "./list-source-runs";
import { listSources } from "./list-sources";
import { updateSource } from "./update-source";
import { createWebhookSource } from "./webhook/create-webhook-source";

let t: TestDatabase;
let orgId: string;
let otherOrgId: string;
let credentialId: string;

beforeAll(async () => {
  t = await freshDatabase();
  process.env.FLOWGATE_ENCRYPTION_KEYS = generateKeySpec();
  orgId = (await t.db.organisation.create({ data: { name: "Acme" } })).id;
  otherOrgId = (await t.db.organisation.create({ data: { name: "Other" } })).id;
  credentialId = (
    await t.db.credential.create({
      data: {
        organisationId: orgId,
        name: "Main app",
        region: "sandbox",
        tokenCiphertext: "x",
        tokenKeyId: "k",
        tokenLast4: "",
      },
    })
  ).id;
});
afterAll(() => t.drop());

describe("source domain functions", () => {
  it("lists and shows an organisation's sources with counts, settings and last runs, never secrets", async () => {
    const hook = await createWebhookSource(t.db, orgId, { name: "Signups", signed: true, maxBodyBytes: 4096 });
    const intercom = await createIntercomSource(t.db, orgId, {
      name: "Contacts",
      credentialId,
      operation: "list_contacts",
      perPage: 120,
      scheduleMinutes: 30,
    });
    await appendRecords(t.db, hook.nexsetId, [{ a: 1 }, { a: 2 }]);
    await t.db.sourceRun.create({
      data: {
        sourceId: intercom.sourceId,
        status: "succeeded",
        recordsAdded: 0,
        steps: [{ step: "GET /contacts?per_page=120", at: new Date().toISOString(), input: {}, output: { count: 0 } }],
      },
    });

    const list = await listSources(t.db, orgId);
    expect(list.map((s) => s.name)).toEqual(["Contacts", "Signups"]);
    expect(list[1]).toMatchObject({ kind: "webhook", nexsetId: hook.nexsetId, recordCount: 2, lastRun: null });
    expect(list[0]).toMatchObject({ kind: "intercom", scheduleMinutes: 30, lastRun: { status: "succeeded" } });
    expect(await listSources(t.db, otherOrgId)).toEqual([]);

    const detail = await getSource(t.db, orgId, hook.sourceId);
    expect(detail).toMatchObject({
      webhook: { pathTemplate: "/api/webhooks/{token}", signed: true, maxBodyBytes: 4096 },
      settings: { maxBodyBytes: 4096, signed: true },
    });
    const serialised = JSON.stringify(detail);
    expect(serialised).not.toContain(hook.token);
    expect(serialised).not.toContain(hook.secret!);
    expect(serialised).not.toContain("webhookSecretCipher");

    const intercomDetail = await getSource(t.db, orgId, intercom.sourceId);
    expect(intercomDetail).toMatchObject({
      settings: { credentialId, operation: "list_contacts", perPage: 120, scheduleMinutes: 30 },
      credential: { id: credentialId, name: "Main app", region: "sandbox" },
      runCount: 1,
      webhook: null,
    });
    await expect(getSource(t.db, otherOrgId, intercom.sourceId)).rejects.toThrow("Source not found");
  });

  it("refuses another organisation's credential for an Intercom source", async () => {
    await expect(
      createIntercomSource(t.db, otherOrgId, { name: "x", credentialId, operation: "list_contacts" }),
    ).rejects.toMatchObject({ status: 404, field: "credentialId" });
    await expect(
      createIntercomSource(t.db, orgId, { name: "x", credentialId, operation: "list_contacts", perPage: 151 }),
    ).rejects.toMatchObject({ status: 400, field: "perPage" });
  });

  it("lists runs newest first with their steps, page by page, scoped to the organisation", async () => {
    const { sourceId } = await createFileSource(t.db, orgId, { name: "Runs" });
    const base = Date.now();
    for (let i = 0; i < 5; i++) {
      await t.db.sourceRun.create({
        data: {
          sourceId,
          status: "succeeded",
          recordsAdded: i,
          startedAt: new Date(base + i * 1000),
          steps: [{ step: `s${i}`, at: new Date().toISOString(), input: { i }, output: null }],
        },
      });
    }
    const first = await listSourceRuns(t.db, orgId, sourceId, { limit: 2 });
    expect(first.runs.map((r) => r.recordsAdded)).toEqual([4, 3]);
    expect(first.runs[0]!.steps).toMatchObject([{ step: "s4", input: { i: 4 } }]);
    const second = await listSourceRuns(t.db, orgId, sourceId, { limit: 2, before: first.nextCursor! });
    expect(second.runs.map((r) => r.recordsAdded)).toEqual([2, 1]);
    const third = await listSourceRuns(t.db, orgId, sourceId, { limit: 2, before: second.nextCursor! });
    expect(third).toMatchObject({ nextCursor: null });
    expect(third.runs.map((r) => r.recordsAdded)).toEqual([0]);
    await expect(listSourceRuns(t.db, otherOrgId, sourceId)).rejects.toThrow("Source not found");
    await expect(getSourceRun(t.db, otherOrgId, first.runs[0]!.id)).rejects.toThrow("Source run not found");
    expect((await getSourceRun(t.db, orgId, first.runs[0]!.id)).id).toBe(first.runs[0]!.id);
  });

  it("renames a source with its Nexset and changes a schedule", async () => {
    const { sourceId, nexsetId } = await createIntercomSource(t.db, orgId, {
      name: "Before",
      credentialId,
      operation: "list_companies",
    });
    await updateSource(t.db, orgId, sourceId, { name: "After", scheduleMinutes: 15 });
    const source = await t.db.source.findUniqueOrThrow({ where: { id: sourceId } });
    expect(source).toMatchObject({
      name: "After",
      scheduleMinutes: 15,
      config: expect.objectContaining({ scheduleMinutes: 15 }),
    });
    expect(source.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await t.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } })).name).toBe("After");
    await updateSource(t.db, orgId, sourceId, { scheduleMinutes: null });
    expect(await t.db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      scheduleMinutes: null,
      nextRunAt: null,
    });
    await expect(updateSource(t.db, otherOrgId, sourceId, { name: "Hijack" })).rejects.toThrow("Source not found");
    const file = await createFileSource(t.db, orgId, { name: "f" });
    await expect(updateSource(t.db, orgId, file.sourceId, { scheduleMinutes: 5 })).rejects.toMatchObject({
      field: "scheduleMinutes",
    });
  });

  it("deletes a source with its records; one feeding destinations only when forced", async () => {
    const { sourceId, nexsetId } = await createFileSource(t.db, orgId, { name: "Doomed" });
    await appendRecords(t.db, nexsetId, [{ a: 1 }]);
    await t.db.destination.create({
      data: { organisationId: orgId, nexsetId, credentialId, name: "Send", config: {} },
    });
    await expect(deleteSource(t.db, otherOrgId, sourceId)).rejects.toThrow("Source not found");
    await expect(deleteSource(t.db, orgId, sourceId)).rejects.toThrow(
      "This source's Nexset feeds 1 destination, which would be deleted too",
    );
    expect(await deleteSource(t.db, orgId, sourceId, { force: true })).toEqual({ deletedDestinations: 1 });
    expect(await t.db.source.findUnique({ where: { id: sourceId } })).toBeNull();
    expect(await t.db.nexsetRecord.count({ where: { nexsetId } })).toBe(0);
  });
});
