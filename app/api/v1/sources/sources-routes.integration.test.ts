import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDestination,
  createSandboxCredential,
  setupDeliveryFixture,
  type DeliveryFixture,
} from "@/test/delivery/delivery-fixture";
import { apiKeyFor, callRoute, chunkedBody, TEST_APP_URL, type RouteCall } from "@/lib/flows/testing/route-client";
import { uploadSourceFile } from "@/lib/flows/upload-source-file";
import { producerRedis } from "@/lib/redis/connection";
import { performSourceRun } from "@/lib/sources/runs/perform-source-run";
import { POST as postWebhook } from "../../webhooks/[token]/route";
import { GET as getNexset } from "../nexsets/[id]/route";
import { GET as listRecords } from "../nexsets/[id]/records/route";
import { GET as getSamples } from "../nexsets/[id]/samples/route";
import { POST as rotateToken } from "./[id]/rotate-token/route";
import { DELETE as deleteSource, GET as getSource, PUT as updateSource } from "./[id]/route";
import { GET as listRuns, POST as runSource } from "./[id]/runs/route";
import { DELETE as removeSecret, POST as rotateSecret } from "./[id]/signing-secret/route";
import { POST as upload } from "./[id]/upload/route";
import { GET as listSources, POST as createSource } from "./route";
import { POST as uploadNew } from "./upload/route";

let f: DeliveryFixture;
let key: string;
let rivalKey: string;
let flowId: string;

beforeAll(async () => {
  f = await setupDeliveryFixture();
  process.env.FLOWGATE_URL = TEST_APP_URL;
  key = await apiKeyFor(f.db, f.organisationId);
  const rival = await f.db.organisation.create({ data: { name: "Rival" } });
  rivalKey = await apiKeyFor(f.db, rival.id);
  flowId = (await f.db.flow.create({ data: { organisationId: f.organisationId, name: "Sources flow" } })).id;
});
afterAll(async () => {
  producerRedis().disconnect();
  await f.close();
});

const as = (call: Omit<RouteCall, "key"> & { key?: string | null }) => ({ key, ...call });
const onSource = (id: string, suffix = "") => ({ path: `/api/v1/sources/${id}${suffix}`, params: { id } });
const recordCount = async (nexsetId: string) =>
  (await f.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } })).recordCount;

function csv(rows: number, badAt?: number): string {
  const lines = ["id,email,plan"];
  for (let i = 1; i <= rows; i++) lines.push(i === badAt ? `${i},user${i}@x.io,pro,EXTRA` : `${i},user${i}@x.io,pro`);
  return `${lines.join("\n")}\n`;
}

async function newSource(json: Record<string, unknown>) {
  const created = await callRoute(
    createSource,
    as({ path: "/api/v1/sources", method: "POST", json: { flowId, ...json } }),
  );
  expect(created.status).toBe(201);
  return created.json as {
    sourceId: string;
    nexsetId: string;
    webhook: { token: string; path: string; secret?: string } | null;
  };
}

describe("file upload routes", () => {
  it("streams a CSV arriving in small chunks into the Nexset, and shows it through the Nexset routes", async () => {
    const { sourceId, nexsetId, webhook } = await newSource({ kind: "file", name: "Contacts" });
    expect(webhook).toBeNull();
    const body = chunkedBody(csv(20_000), 4_096);
    const uploaded = await callRoute(
      upload,
      as({ ...onSource(sourceId, "/upload?fileName=contacts.csv"), method: "POST", raw: body }),
    );
    expect(uploaded).toMatchObject({
      status: 200,
      json: { sourceId, nexsetId, format: "csv", delimiter: ",", recordsAdded: 20_000, firstSeq: 1, lastSeq: 20_000 },
    });

    const view = await callRoute(
      getNexset,
      as({ path: `/api/v1/nexsets/${nexsetId}?pageSize=2`, params: { id: nexsetId } }),
    );
    expect(view.json).toMatchObject({
      name: "Contacts",
      total: 20_000,
      pageCount: 10_000,
      attributes: [
        { name: "id", type: "integer", nullCount: 0 },
        { name: "email", type: "string", nullCount: 0 },
        { name: "plan", type: "string", nullCount: 0 },
      ],
      origin: { sourceId, kind: "file", name: "Contacts", flowId },
    });
    const latest = await callRoute(
      listRecords,
      as({ path: `/api/v1/nexsets/${nexsetId}/records?order=desc&pageSize=2`, params: { id: nexsetId } }),
    );
    expect((latest.json.records as { seq: number; data: unknown }[]).map((r) => [r.seq, r.data])).toEqual([
      [20_000, { id: 20_000, email: "user20000@x.io", plan: "pro" }],
      [19_999, { id: 19_999, email: "user19999@x.io", plan: "pro" }],
    ]);
    const samples = await callRoute(
      getSamples,
      as({ path: `/api/v1/nexsets/${nexsetId}/samples?count=3`, params: { id: nexsetId } }),
    );
    expect((samples.json.samples as { id: number }[]).map((s) => s.id)).toEqual([1, 2, 3]);
  });

  it("refuses a CSV with a ragged row deep in the file with its line, keeps nothing of it, and shows the failed run", async () => {
    const { sourceId, nexsetId } = await newSource({ kind: "file", name: "Ragged" });
    await callRoute(upload, as({ ...onSource(sourceId, "/upload?fileName=good.csv"), method: "POST", raw: csv(3) }));
    const refused = await callRoute(
      upload,
      as({
        ...onSource(sourceId, "/upload?fileName=bad.csv"),
        method: "POST",
        raw: chunkedBody(csv(20_000, 15_000), 4_096),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: "invalid_file",
      field: "file",
      message: expect.stringMatching(/^line 15001\b/),
    });
    expect(await recordCount(nexsetId)).toBe(3);
    const runs = await callRoute(listRuns, as(onSource(sourceId, "/runs")));
    const [latest, first] = runs.json.runs as {
      status: string;
      recordsAdded: number;
      error: string | null;
      steps: { step: string }[];
    }[];
    expect(latest).toMatchObject({
      status: "failed",
      recordsAdded: 0,
      error: expect.stringContaining("line 15001"),
      steps: [{ step: "Upload bad.csv" }],
    });
    expect(first).toMatchObject({ status: "succeeded", recordsAdded: 3 });

    const empty = await callRoute(
      upload,
      as({ ...onSource(sourceId, "/upload?fileName=empty.csv"), method: "POST", raw: "" }),
    );
    expect(empty.status).toBe(400);
    expect(empty.json.error?.message).toMatch(/empty/);
    expect(await recordCount(nexsetId)).toBe(3);
  });

  it("creates a new file source from a file all at once; a broken file creates no source at all", async () => {
    const before = await f.db.source.count();
    const made = await callRoute(
      uploadNew,
      as({
        path: `/api/v1/sources/upload?fileName=people.ndjson&name=People&flowId=${flowId}`,
        method: "POST",
        raw: '{"a":1}\n{"a":2}\n',
      }),
    );
    expect(made).toMatchObject({ status: 201, json: { format: "ndjson", recordsAdded: 2 } });
    const source = await f.db.source.findUniqueOrThrow({ where: { id: made.json.sourceId as string } });
    expect(source).toMatchObject({ name: "People", kind: "file", flowId, organisationId: f.organisationId });

    const json = `[\n${Array.from({ length: 50 }, (_, i) => `{"n": ${i}},`).join("\n")}\n{"n": oops}\n]`;
    const broken = await callRoute(
      uploadNew,
      as({ path: `/api/v1/sources/upload?fileName=broken.json&flowId=${flowId}`, method: "POST", raw: json }),
    );
    expect(broken.status).toBe(400);
    expect(broken.json.error?.message).toMatch(/^line 52\b/);
    expect(await f.db.source.count()).toBe(before + 1);
    expect(
      (
        await callRoute(
          uploadNew,
          as({ path: "/api/v1/sources/upload?fileName=x.csv&flowId=not-a-flow", method: "POST", raw: csv(1) }),
        )
      ).status,
    ).toBe(404);
  });

  it("refuses a file over the limit by its declared length or as it streams, and an upload to a non-file source", async () => {
    const { sourceId, nexsetId } = await newSource({ kind: "file", name: "Limits" });
    const base = { db: f.db, organisationId: f.organisationId, sourceId, fileName: "big.csv", maxBytes: 1_000 };
    await expect(uploadSourceFile({ ...base, body: chunkedBody(csv(5)), contentLength: "5000" })).rejects.toMatchObject(
      { status: 413 },
    );
    await expect(uploadSourceFile({ ...base, body: chunkedBody(csv(200)), contentLength: null })).rejects.toMatchObject(
      { status: 400, message: expect.stringContaining("limit") },
    );
    expect(await recordCount(nexsetId)).toBe(0);
    const hook = await newSource({ kind: "webhook", name: "Hook" });
    expect(
      (
        await callRoute(
          upload,
          as({ ...onSource(hook.sourceId, "/upload?fileName=a.csv"), method: "POST", raw: csv(1) }),
        )
      ).status,
    ).toBe(409);
  });
});

describe("webhook source routes", () => {
  const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    callRoute(postWebhook, {
      path: `/api/webhooks/${token}`,
      params: { token },
      method: "POST",
      json: body,
      headers,
      key: null,
    });

  it("gives the URL once, accepts records on it, rotates it (the old one then fails), and never shows the token again", async () => {
    const { sourceId, nexsetId, webhook } = await newSource({ kind: "webhook", name: "Signups" });
    expect(webhook?.path).toBe(`/api/webhooks/${webhook?.token}`);
    expect(await post(webhook!.token, [{ email: "a@x.io" }, { email: "b@x.io" }])).toMatchObject({
      status: 200,
      json: { added: 2 },
    });
    expect((await post(`whk_${"A".repeat(43)}`, { email: "c@x.io" })).status).toBe(401);

    const detail = await callRoute(getSource, as(onSource(sourceId)));
    expect(detail.json).toMatchObject({
      kind: "webhook",
      recordCount: 2,
      webhook: { pathTemplate: "/api/webhooks/{token}", signed: false },
    });
    expect(JSON.stringify(detail.json)).not.toContain(webhook!.token);

    const rotated = await callRoute(rotateToken, as({ ...onSource(sourceId, "/rotate-token"), method: "POST" }));
    expect(rotated.status).toBe(200);
    const fresh = rotated.json.token as string;
    expect((await post(webhook!.token, { email: "d@x.io" })).status).toBe(401);
    expect(await post(fresh, { email: "d@x.io" })).toMatchObject({ status: 200, json: { added: 1 } });
    expect(await recordCount(nexsetId)).toBe(3);
  });

  it("turns signatures on (unsigned calls are refused, nothing stored) and off again", async () => {
    const { sourceId, nexsetId, webhook } = await newSource({ kind: "webhook", name: "Signed" });
    const secret = await callRoute(rotateSecret, as({ ...onSource(sourceId, "/signing-secret"), method: "POST" }));
    expect(secret.json.secret).toMatch(/^whsec_/);
    expect((await callRoute(getSource, as(onSource(sourceId)))).json).toMatchObject({ webhook: { signed: true } });
    expect((await post(webhook!.token, { email: "a@x.io" })).status).toBe(401);
    expect(await recordCount(nexsetId)).toBe(0);
    expect(
      (await callRoute(removeSecret, as({ ...onSource(sourceId, "/signing-secret"), method: "DELETE" }))).status,
    ).toBe(204);
    expect((await post(webhook!.token, { email: "a@x.io" })).status).toBe(200);
  });
});

describe("Intercom sources, updates, deletion", () => {
  it("queues a run now (one at a time) and lists it with its steps", async () => {
    const { credentialId } = await createSandboxCredential(f);
    const { sourceId } = await newSource({
      kind: "intercom",
      name: "Contacts",
      credentialId,
      operation: "list_contacts",
      perPage: 10,
    });
    const first = await callRoute(runSource, as({ ...onSource(sourceId, "/runs"), method: "POST" }));
    expect(first).toMatchObject({ status: 202, json: { enqueued: true } });
    expect((await callRoute(runSource, as({ ...onSource(sourceId, "/runs"), method: "POST" }))).status).toBe(409);
    const runs = await callRoute(listRuns, as(onSource(sourceId, "/runs")));
    expect(runs.json.runs).toEqual([
      expect.objectContaining({
        id: first.json.runId,
        status: "queued",
        steps: [expect.objectContaining({ step: "Requested", input: { trigger: "manual" } })],
      }),
    ]);
    const detail = await callRoute(getSource, as(onSource(sourceId)));
    expect(detail.json).toMatchObject({
      kind: "intercom",
      settings: { credentialId, operation: "list_contacts", perPage: 10 },
      credential: { id: credentialId },
    });

    const file = await newSource({ kind: "file", name: "Not runnable" });
    expect((await callRoute(runSource, as({ ...onSource(file.sourceId, "/runs"), method: "POST" }))).status).toBe(409);
  });

  it("edits an Intercom source's operation and page size, and the next run uses them; bad edits change nothing", async () => {
    const { credentialId, appId } = await createSandboxCredential(f);
    const { sourceId } = await newSource({
      kind: "intercom",
      name: "Edited",
      credentialId,
      operation: "list_contacts",
      perPage: 10,
    });
    const put = (json: Record<string, unknown>) =>
      callRoute(updateSource, as({ ...onSource(sourceId), method: "PUT", json }));
    const before = await f.db.source.findUniqueOrThrow({ where: { id: sourceId } });
    const refusals: [Record<string, unknown>, string][] = [
      [{ perPage: 151 }, "perPage"],
      [{ perPage: 0 }, "perPage"],
      [{ operation: "list_tickets" }, "operation"],
      [{ exportRange: { createdAtAfter: "2025-03-01", createdAtBefore: "2025-02-01" } }, "exportRange"],
      [{ exportRange: { createdAtAfter: "last tuesday", createdAtBefore: "2025-02-01" } }, "exportRange"],
    ];
    for (const [json, field] of refusals) {
      const refused = await put({ name: "Should not stick", ...json });
      expect(refused.status, JSON.stringify(json)).toBe(400);
      expect(JSON.stringify(refused.json)).toContain(field);
    }
    expect(await f.db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      name: before.name,
      config: before.config,
    });

    const edited = await put({ operation: "list_companies", perPage: 2, scheduleMinutes: 60 });
    expect(edited).toMatchObject({
      status: 200,
      json: { scheduleMinutes: 60, settings: { credentialId, operation: "list_companies", perPage: 2 } },
    });
    const run = await callRoute(runSource, as({ ...onSource(sourceId, "/runs"), method: "POST" }));
    expect(await performSourceRun(f.db, run.json.runId as string)).toMatchObject({ status: "succeeded" });
    const listCalls = f.sandbox
      .requests(appId)
      .filter((r) => r.method === "GET")
      .map((r) => ({ path: r.path, perPage: r.query.per_page }));
    expect(listCalls).toEqual([{ path: "/companies", perPage: "2" }]);

    const exportRange = { createdAtAfter: "2025-01-01", createdAtBefore: "2025-02-01" };
    const exported = await put({ operation: "content_export", exportRange });
    expect(exported.json).toMatchObject({ settings: { operation: "content_export", exportRange } });
    const cleared = await put({ exportRange: null });
    expect(cleared.json.settings).not.toHaveProperty("exportRange");

    const file = await newSource({ kind: "file", name: "No operation" });
    const onFile = await callRoute(
      updateSource,
      as({ ...onSource(file.sourceId), method: "PUT", json: { perPage: 20 } }),
    );
    expect(onFile.status).toBe(400);
    expect(JSON.stringify(onFile.json)).toContain("perPage");
  });

  it("renames a source with its Nexset, refuses a schedule on a file source, and lists by flow", async () => {
    const { sourceId, nexsetId } = await newSource({ kind: "file", name: "Old name" });
    const renamed = await callRoute(
      updateSource,
      as({ ...onSource(sourceId), method: "PUT", json: { name: "New name" } }),
    );
    expect(renamed).toMatchObject({ status: 200, json: { name: "New name" } });
    expect((await f.db.nexset.findUniqueOrThrow({ where: { id: nexsetId } })).name).toBe("New name");
    expect(
      (await callRoute(updateSource, as({ ...onSource(sourceId), method: "PUT", json: { scheduleMinutes: 5 } })))
        .status,
    ).toBe(400);
    const listed = await callRoute(listSources, as({ path: `/api/v1/sources?flowId=${flowId}` }));
    expect((listed.json.sources as { id: string }[]).some((s) => s.id === sourceId)).toBe(true);
  });

  it("deletes a source feeding a destination only with force", async () => {
    const { sourceId, nexsetId } = await newSource({ kind: "file", name: "Feeds one" });
    const { credentialId } = await createSandboxCredential(f);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    const refused = await callRoute(deleteSource, as({ ...onSource(sourceId), method: "DELETE" }));
    expect(refused.status).toBe(409);
    expect(await f.db.destination.count({ where: { id: destinationId } })).toBe(1);
    expect(await callRoute(deleteSource, as({ ...onSource(`${sourceId}`, "?force=true"), method: "DELETE" }))).toEqual({
      status: 200,
      json: { deletedDestinations: 1 },
    });
    expect(await f.db.destination.count({ where: { id: destinationId } })).toBe(0);
    expect(await f.db.source.count({ where: { id: sourceId } })).toBe(0);
  });
});

describe("organisation isolation", () => {
  it("answers 404 to another organisation on every source and Nexset route, and changes nothing", async () => {
    const { sourceId, nexsetId } = await newSource({ kind: "file", name: "Private" });
    await callRoute(upload, as({ ...onSource(sourceId, "/upload?fileName=a.csv"), method: "POST", raw: csv(2) }));
    const rival = { key: rivalKey };
    const calls: [string, Promise<{ status: number }>][] = [
      ["get source", callRoute(getSource, { ...onSource(sourceId), ...rival })],
      [
        "update source",
        callRoute(updateSource, { ...onSource(sourceId), method: "PUT", json: { name: "Taken" }, ...rival }),
      ],
      ["delete source", callRoute(deleteSource, { ...onSource(sourceId, "?force=true"), method: "DELETE", ...rival })],
      [
        "upload",
        callRoute(upload, { ...onSource(sourceId, "/upload?fileName=a.csv"), method: "POST", raw: csv(2), ...rival }),
      ],
      ["runs", callRoute(listRuns, { ...onSource(sourceId, "/runs"), ...rival })],
      ["run now", callRoute(runSource, { ...onSource(sourceId, "/runs"), method: "POST", ...rival })],
      ["rotate", callRoute(rotateToken, { ...onSource(sourceId, "/rotate-token"), method: "POST", ...rival })],
      ["nexset", callRoute(getNexset, { path: `/api/v1/nexsets/${nexsetId}`, params: { id: nexsetId }, ...rival })],
      [
        "records",
        callRoute(listRecords, { path: `/api/v1/nexsets/${nexsetId}/records`, params: { id: nexsetId }, ...rival }),
      ],
      [
        "samples",
        callRoute(getSamples, { path: `/api/v1/nexsets/${nexsetId}/samples`, params: { id: nexsetId }, ...rival }),
      ],
    ];
    for (const [what, answer] of calls) expect((await answer).status, what).toBe(404);
    expect(await f.db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ name: "Private" });
    expect(await recordCount(nexsetId)).toBe(2);
    const theirs = await callRoute(listSources, { path: "/api/v1/sources", ...rival });
    expect(theirs.json.sources).toEqual([]);
    const { credentialId } = await createSandboxCredential(f);
    const borrowed = await callRoute(createSource, {
      path: "/api/v1/sources",
      method: "POST",
      json: { kind: "intercom", name: "x", credentialId, operation: "list_contacts" },
      ...rival,
    });
    expect(borrowed.status).toBe(404);
  });
});
