import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox, waitForSearch } from "./test-support";

interface BulkJob {
  id: string;
  type: string;
  state: string;
  completed_at: number | null;
  url: string;
  tasks: Array<{
    id: string;
    item_count: number;
    state: string;
    started_at: number | null;
    completed_at: number | null;
  }>;
}

const DURATION = 1_000;
let t: TestSandbox;
const preview = { version: "Preview" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startTestSandbox({ bulkJobDurationMs: DURATION });
});
afterAll(() => t.sandbox.close());

async function itemResults(jobId: string) {
  type Tasks = { tasks: Array<{ results: Array<{ outcome: string; error?: { code: string } }> | null }> };
  return (await t.sandbox.admin.get<Tasks>(`/apps/${t.appId}/bulk-jobs/${jobId}`)).tasks;
}

describe("Preview bulk contacts", () => {
  it("accepts up to 100 contacts as an async job that completes over time and creates them", async () => {
    const contacts = Array.from({ length: 100 }, (_, i) => ({
      email: `bulk${i}@example.com`,
      external_id: `bulk-${i}`,
    }));
    const accepted = await t.call("POST", "/contacts/bulk", { ...preview, body: { contacts } });
    expect(accepted.status).toBe(202);
    const job = accepted.body as BulkJob;
    expect(job).toMatchObject({
      type: "contacts.bulk.job",
      state: "pending",
      completed_at: null,
      tasks: [{ item_count: 100, state: "pending", started_at: null }],
    });
    expect(job.url).toBe(`${t.sandbox.url}/contacts/bulk/${job.id}`);
    expect((await t.call("GET", "/contacts/find_by_external_id/bulk-0")).status).toBe(404);

    await sleep(DURATION / 2 + 30);
    expect(await t.json<BulkJob>("GET", `/contacts/bulk/${job.id}`, preview)).toMatchObject({
      state: "running",
      tasks: [{ state: "running" }],
    });
    await sleep(DURATION / 2 + 30);
    const done = await t.json<BulkJob>("GET", `/contacts/bulk/${job.id}`, preview);
    expect(done).toMatchObject({ state: "completed", tasks: [{ state: "completed" }] });
    expect(done.completed_at).toEqual(expect.any(Number));
    expect(await t.json("GET", "/contacts/find_by_external_id/bulk-99")).toMatchObject({ email: "bulk99@example.com" });
  });

  it("keeps contacts it creates out of search until the index lag has passed, as POST /contacts does", async () => {
    t.sandbox.setFaults({ appId: t.appId, searchIndexLagMs: 500 });
    try {
      const query = { field: "email", operator: "=", value: "bulk-lag@example.com" };
      const job = await t.json<BulkJob>("POST", "/contacts/bulk", {
        ...preview,
        body: { contacts: [{ email: "bulk-lag@example.com" }] },
      });
      await sleep(DURATION + 30);
      expect(await t.json<BulkJob>("GET", `/contacts/bulk/${job.id}`, preview)).toMatchObject({ state: "completed" });
      expect(await t.json("POST", "/contacts/search", { body: { query } })).toMatchObject({ total_count: 0 });
      await waitForSearch(t.sandbox.url, t.token, query);
    } finally {
      t.sandbox.clearFaults(t.appId);
    }
  });

  it("refuses more than 100 contacts and malformed batches with preview.yaml's 422s", async () => {
    const tooMany = await t.call("POST", "/contacts/bulk", {
      ...preview,
      body: { contacts: Array.from({ length: 101 }, (_, i) => ({ email: `x${i}@example.com` })) },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({
      errors: [{ code: "parameter_invalid", message: "maximum number of contacts per request is 100" }],
    });
    expect((await t.call("POST", "/contacts/bulk", { ...preview, body: {} })).body).toMatchObject({
      errors: [{ code: "field_not_found" }],
    });
    expect((await t.call("POST", "/contacts/bulk", { ...preview, body: { contacts: "x" } })).body).toMatchObject({
      errors: [{ code: "type_mismatch" }],
    });
    expect(
      (await t.call("PUT", "/contacts/bulk", { ...preview, body: { contacts: [{ email: "no-id@example.com" }] } }))
        .body,
    ).toMatchObject({
      errors: [{ code: "field_not_found", message: "contacts must be identified by id" }],
    });
  });

  it("ends completed_with_errors when an item is a duplicate, keeping the others, with per-item results", async () => {
    const existing = await t.json<{ id: string }>("POST", "/contacts", { body: { email: "taken@example.com" } });
    const job = (
      await t.call("POST", "/contacts/bulk", {
        ...preview,
        body: { contacts: [{ email: "taken@example.com" }, { email: "fresh@example.com" }] },
      })
    ).body as BulkJob;
    await sleep(DURATION + 50);
    expect(await t.json<BulkJob>("GET", `/contacts/bulk/${job.id}`, preview)).toMatchObject({
      state: "completed_with_errors",
    });
    const [task] = await itemResults(job.id);
    expect(task!.results).toEqual([
      {
        index: 0,
        outcome: "rejected",
        error: { code: "conflict", message: `A contact matching those details already exists with id=${existing.id}` },
      },
      { index: 1, outcome: "created", contactId: expect.any(String) },
    ]);
  });

  it("appends tasks to an open job, updates by id, and closes a finished job to new tasks", async () => {
    const contact = await t.json<{ id: string }>("POST", "/contacts", { body: { email: "upd@example.com" } });
    const job = (
      await t.call("PUT", "/contacts/bulk", { ...preview, body: { contacts: [{ id: contact.id, name: "Updated" }] } })
    ).body as BulkJob;
    const appended = await t.call("POST", "/contacts/bulk", {
      ...preview,
      body: { contacts: [{ email: "appended@example.com" }], job: { id: job.id } },
    });
    expect((appended.body as BulkJob).tasks).toHaveLength(2);
    await sleep(DURATION + 50);
    expect(await t.json("GET", `/contacts/${contact.id}`)).toMatchObject({ name: "Updated" });
    const closed = await t.call("POST", "/contacts/bulk", {
      ...preview,
      body: { contacts: [{ email: "late@example.com" }], job: { id: job.id } },
    });
    expect(closed.status).toBe(403);
    expect(closed.body).toMatchObject({
      errors: [{ code: "forbidden", message: `job ${job.id} is closed for new task updates` }],
    });
    expect((await t.call("GET", "/contacts/bulk/job_v2_999", preview)).status).toBe(404);
  });
});
