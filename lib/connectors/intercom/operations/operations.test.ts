import { gzipSync } from "node:zlib";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeIntercomDispatcher } from "../http-agent";
import { errorList, type LocalServer, sendJson, startLocalServer } from "../testing/local-server";
import { type IntercomContext, IntercomCallError, callIntercom } from "./context";
import { runContentExport } from "./content-export";
import { getMe } from "./get-me";
import { listCompanies } from "./list-companies";
import { listCompaniesForEachContact, listContactCompanies } from "./list-contact-companies";
import { listContacts, searchContacts } from "./list-contacts";
import { universalRequest } from "./universal-request";

const TOKEN = "op-test-token-0123456789";
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => closeIntercomDispatcher());

async function context(
  handler: Parameters<typeof startLocalServer>[0],
  extra: Partial<IntercomContext> = {},
): Promise<IntercomContext> {
  server = await startLocalServer(handler);
  return { baseUrl: server.url, token: TOKEN, ...extra };
}

// 7 contacts served in cursor pages, like GET /contacts.
const CONTACTS = Array.from({ length: 7 }, (_, i) => ({ type: "contact", id: `c${i + 1}` }));
function contactPage(url: URL) {
  const perPage = Number(url.searchParams.get("per_page") ?? 50);
  const after = url.searchParams.get("starting_after");
  const start = after ? Number(after) : 0;
  const data = CONTACTS.slice(start, start + perPage);
  const next =
    start + perPage < CONTACTS.length ? { per_page: perPage, starting_after: String(start + perPage) } : undefined;
  return {
    type: "list",
    data,
    total_count: CONTACTS.length,
    pages: { type: "pages", per_page: perPage, ...(next ? { next } : {}) },
  };
}

describe("operations", () => {
  it("listContacts walks every cursor page with per_page", async () => {
    const ctx = await context((req, res) => sendJson(res, 200, contactPage(new URL(req.url, "http://x"))));
    const pages = [];
    for await (const page of listContacts(ctx, { perPage: 3 })) pages.push(page);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.items as { id: string }[]).map((contact) => contact.id)).toEqual(
      CONTACTS.map((c) => c.id),
    );
    expect(server?.requests.map((req) => req.url)).toEqual([
      "/contacts?per_page=3",
      "/contacts?per_page=3&starting_after=3",
      "/contacts?per_page=3&starting_after=6",
    ]);
  });

  it("listContacts caps per_page at Intercom's 150 and stops at maxPages", async () => {
    const ctx = await context((req, res) => sendJson(res, 200, contactPage(new URL(req.url, "http://x"))));
    const pages = [];
    for await (const page of listContacts(ctx, { perPage: 1000 })) pages.push(page);
    expect(server?.requests[0]?.url).toBe("/contacts?per_page=150");
    const limited = [];
    for await (const page of listContacts(ctx, { perPage: 2, maxPages: 2 })) limited.push(page);
    expect(limited).toHaveLength(2);
  });

  it("searchContacts carries the cursor in body.pagination", async () => {
    const ctx = await context((req, res) => {
      const body = JSON.parse(req.body) as { pagination: { per_page: number; starting_after?: string } };
      const url = new URL(
        `http://x/?per_page=${body.pagination.per_page}&starting_after=${body.pagination.starting_after ?? ""}`,
      );
      sendJson(res, 200, contactPage(url));
    });
    const ids: string[] = [];
    for await (const page of searchContacts(ctx, { field: "role", operator: "=", value: "user" }, { perPage: 4 })) {
      ids.push(...(page.items as { id: string }[]).map((contact) => contact.id));
    }
    expect(ids).toHaveLength(7);
    expect(JSON.parse(server?.requests[1]?.body ?? "{}")).toEqual({
      query: { field: "role", operator: "=", value: "user" },
      pagination: { per_page: 4, starting_after: "4" },
    });
  });

  it("listCompanies follows page numbers until total_pages", async () => {
    const ctx = await context((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page") ?? 1);
      sendJson(res, 200, {
        type: "list",
        data: [{ id: `co${page}` }],
        pages: { type: "pages", page, per_page: 1, total_pages: 3 },
      });
    });
    const ids: string[] = [];
    for await (const page of listCompanies(ctx, { perPage: 1 }))
      ids.push(...(page.items as { id: string }[]).map((company) => company.id));
    expect(ids).toEqual(["co1", "co2", "co3"]);
  });

  it("a repeated cursor ends the walk instead of looping", async () => {
    const ctx = await context((_req, res) =>
      sendJson(res, 200, { data: [{ id: "x" }], pages: { next: { starting_after: "same" } } }),
    );
    const pages = [];
    for await (const page of listContacts(ctx)) pages.push(page);
    expect(pages).toHaveLength(2);
  });

  it("listContactCompanies reads `companies` and follows a same-host pages.next URL", async () => {
    const ctx = await context((req, res) => {
      if (req.url.includes("page=2"))
        return sendJson(res, 200, { type: "list", companies: [{ id: "b" }], pages: { page: 2, total_pages: 2 } });
      sendJson(res, 200, {
        type: "list",
        companies: [{ id: "a" }],
        pages: { page: 1, total_pages: 2, next: `${server?.url}/contacts/c%201/companies?page=2` },
      });
    });
    expect(await listContactCompanies(ctx, "c 1")).toEqual([{ id: "a" }, { id: "b" }]);
    expect(server?.requests[0]?.url).toBe("/contacts/c%201/companies?per_page=50");
  });

  it("listCompaniesForEachContact answers per contact, in order", async () => {
    const ctx = await context((req, res) =>
      sendJson(res, 200, { type: "list", companies: [{ id: `of-${req.url.split("/")[2]}` }] }),
    );
    const out = [];
    for await (const entry of listCompaniesForEachContact(ctx, [{ id: "c1" }, { id: "c2" }])) out.push(entry);
    expect(out).toEqual([
      { contactId: "c1", companies: [{ id: "of-c1" }] },
      { contactId: "c2", companies: [{ id: "of-c2" }] },
    ]);
  });

  it("a 429 is waited out until the reset, then the call succeeds", async () => {
    let calls = 0;
    const ctx = await context((_req, res) => {
      calls++;
      if (calls === 1) {
        const reset = Math.floor(Date.now() / 1000); // already reset: wait ≈ 0
        return sendJson(res, 429, errorList("rate_limit_exceeded", "slow down"), {
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(reset),
        });
      }
      sendJson(res, 200, { ok: true });
    });
    const seen: string[] = [];
    const result = await callIntercom({ ...ctx, onCall: (r) => seen.push(r.outcome) }, { method: "GET", path: "/me" });
    expect(result.outcome).toBe("success");
    expect(seen).toEqual(["rate_limited", "success"]);
  });

  it("a permanent error is thrown at once with Intercom's answer", async () => {
    const ctx = await context((_req, res) => sendJson(res, 404, errorList("not_found", "User Not Found")));
    const error = await callIntercom(ctx, { method: "GET", path: "/contacts/nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntercomCallError);
    expect((error as IntercomCallError).result.errors).toEqual([{ code: "not_found", message: "User Not Found" }]);
    expect(server?.requests).toHaveLength(1);
  });

  it("5xx is retried up to maxAttempts, then thrown", async () => {
    const ctx = await context((_req, res) => sendJson(res, 500, errorList("server_error", "oops")), {
      maxAttempts: 3,
      maxWaitMs: 5,
    });
    await expect(callIntercom(ctx, { method: "GET", path: "/me" })).rejects.toThrow(/500 server_error: oops/);
    expect(server?.requests).toHaveLength(3);
  });

  it("getMe returns the admin and the workspace", async () => {
    const ctx = await context((_req, res) =>
      sendJson(res, 200, {
        type: "admin",
        id: "991267459",
        name: "Ciaran Lee",
        email: "admin@example.com",
        app: { type: "app", id_code: "abc123", name: "MyApp", region: "US" },
      }),
    );
    const { me } = await getMe(ctx);
    expect(me).toEqual({
      adminId: "991267459",
      adminName: "Ciaran Lee",
      adminEmail: "admin@example.com",
      workspaceId: "abc123",
      workspaceName: "MyApp",
      workspaceRegion: "US",
    });
  });

  it("runContentExport creates, polls with backoff until completed, downloads and unzips the CSV", async () => {
    let polls = 0;
    const csv = "user_id,content_title\nu1,Welcome\n";
    const ctx = await context((req, res) => {
      if (req.method === "POST" && req.url === "/export/content/data")
        return sendJson(res, 200, { job_identifier: "job1", status: "pending" });
      if (req.url === "/export/content/data/job1") {
        polls++;
        return sendJson(res, 200, {
          job_identifier: "job1",
          status: polls < 3 ? "in_progress" : "completed",
          download_url: "x",
        });
      }
      if (req.url === "/download/content/data/job1" && req.headers.accept === "application/octet-stream") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return res.end(gzipSync(csv));
      }
      sendJson(res, 404, errorList("not_found", req.url));
    });
    const out = await runContentExport(ctx, { createdAtAfter: 1, createdAtBefore: 2, pollIntervalMs: 5 });
    expect(out.job.status).toBe("completed");
    expect(out.polls).toBe(3);
    expect(out.download.csv).toBe(csv);
    expect(JSON.parse(server?.requests[0]?.body ?? "{}")).toEqual({ created_at_after: 1, created_at_before: 2 });
  });

  it("runContentExport reports a failed job and a job that never finishes", async () => {
    const failed = await context((req, res) =>
      sendJson(res, 200, { job_identifier: "j", status: req.method === "POST" ? "pending" : "failed" }),
    );
    await expect(
      runContentExport(failed, { createdAtAfter: 1, createdAtBefore: 2, pollIntervalMs: 5 }),
    ).rejects.toThrow(/ended as "failed"/);
    await server?.close();
    const stuck = await context((_req, res) => sendJson(res, 200, { job_identifier: "j", status: "pending" }));
    await expect(
      runContentExport(stuck, { createdAtAfter: 1, createdAtBefore: 2, pollIntervalMs: 10, timeoutMs: 100 }),
    ).rejects.toThrow(/still "pending"/);
  });

  it("universalRequest returns Intercom's answer as-is, without retrying", async () => {
    const ctx = await context((req, res) => sendJson(res, 500, { echo: req.url }));
    const result = await universalRequest(ctx, { method: "GET", path: "/admins", query: { a: 1 } });
    expect(result).toMatchObject({ outcome: "retry", status: 500, body: { echo: "/admins?a=1" } });
    expect(server?.requests).toHaveLength(1);
  });
});
