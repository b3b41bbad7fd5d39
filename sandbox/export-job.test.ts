import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_COLUMNS } from "./routes/export-csv";
import { errorCodes, startTestSandbox, type TestSandbox } from "./test-support";

interface ExportJob {
  job_identifier: string;
  status: string;
  download_url: string;
  download_expires_at: string;
}

const DURATION = 900;
let t: TestSandbox;
let contactId: string;

beforeAll(async () => {
  t = await startTestSandbox({ exportDurationMs: DURATION });
  const admin = await t.json<{ id: string }>("GET", "/me");
  contactId = (
    await t.json<{ id: string }>("POST", "/contacts", {
      body: { email: "exp@example.com", name: "Ex, Port", external_id: "exp-1" },
    })
  ).id;
  for (const subject of ["Welcome", "Tips"]) {
    await t.json("POST", "/messages", {
      body: {
        message_type: "email",
        subject,
        body: "Hi",
        template: "plain",
        from: { type: "admin", id: admin.id },
        to: { type: "user", id: contactId },
      },
    });
  }
});
afterAll(() => t.sandbox.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => Math.floor(Date.now() / 1000);

describe("content data export", () => {
  it("moves pending → in_progress → completed, then downloads a gzipped CSV of the messages", async () => {
    const job = await t.json<ExportJob>("POST", "/export/content/data", {
      body: { created_at_after: now() - 86_400, created_at_before: now() },
    });
    expect(job).toEqual({
      job_identifier: job.job_identifier,
      status: "pending",
      download_url: "",
      download_expires_at: "",
    });
    const early = await t.call("GET", `/download/content/data/${job.job_identifier}`, {
      headers: { Accept: "application/octet-stream" },
    });
    expect(early.status).toBe(400);
    expect(errorCodes(early.body)).toEqual(["parameter_invalid"]);

    await sleep(DURATION / 3 + 50);
    expect(await t.json<ExportJob>("GET", `/export/content/data/${job.job_identifier}`)).toMatchObject({
      status: "in_progress",
      download_url: "",
    });
    await sleep(DURATION);
    const done = await t.json<ExportJob>("GET", `/export/content/data/${job.job_identifier}`);
    expect(done.status).toBe("completed");
    expect(done.download_url).toBe(`${t.sandbox.url}/download/content/data/${job.job_identifier}`);
    expect(Number(done.download_expires_at)).toBeGreaterThan(now() + 86_400);

    const file = await t.call("GET", new URL(done.download_url).pathname, {
      headers: { Accept: "application/octet-stream" },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    const text = gunzipSync(file.bytes).toString("utf8");
    expect(text.split("\n")[0]).toBe(EXPORT_COLUMNS.join(","));
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.content_title)).toEqual(["Welcome", "Tips"]);
    for (const row of rows) {
      expect(row).toMatchObject({
        user_id: contactId,
        user_external_id: "exp-1",
        email: "exp@example.com",
        name: "Ex, Port",
        content_type: "Email",
      });
    }
  });

  it("allows one active job per workspace, cancels, and reports no_data for an empty range", async () => {
    const range = { created_at_after: 1_000_000_000, created_at_before: 1_000_086_400 };
    const job = await t.json<ExportJob>("POST", "/export/content/data", { body: range });
    const second = await t.call("POST", "/export/content/data", { body: range });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      errors: [{ code: "rate_limit_exceeded", message: "Exceeded rate limit of 1 pending message data export jobs" }],
    });
    expect(await t.json<ExportJob>("POST", `/export/cancel/${job.job_identifier}`)).toMatchObject({
      status: "canceled",
    });
    const empty = await t.json<ExportJob>("POST", "/export/content/data", { body: range });
    await sleep(DURATION + 50);
    expect(await t.json<ExportJob>("GET", `/export/content/data/${empty.job_identifier}`)).toMatchObject({
      status: "no_data",
      download_url: "",
    });
    expect((await t.call("GET", "/export/content/data/unknown")).body).toMatchObject({
      errors: [{ code: "job_not_found" }],
    });
  });
});
