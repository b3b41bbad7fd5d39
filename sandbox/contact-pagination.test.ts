import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestSandbox, type TestSandbox, waitForSearch } from "./test-support";

interface Page {
  type: string;
  data: Array<{ id: string; email: string }>;
  total_count: number;
  pages: {
    type: string;
    page: number;
    per_page: number;
    total_pages: number;
    next?: { page: number; starting_after: string };
  };
}

const TOTAL = 1000;
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
  // In batches: a thousand sockets at once would test the client more than the sandbox.
  for (let start = 0; start < TOTAL; start += 25) {
    const batch = Array.from({ length: 25 }, (_, k) => start + k);
    await Promise.all(
      batch.map((i) => t.json("POST", "/contacts", { body: { email: `p${i}@example.com`, external_id: `p-${i}` } })),
    );
  }
  // Searched below as a workspace whose contacts are already in the search index.
  await waitForSearch(t.sandbox.url, t.token, { field: "email", operator: "~", value: "@" }, TOTAL);
}, 30_000);
afterAll(() => t.sandbox.close());

async function walk(firstPath: string, nextPath: (cursor: string) => string): Promise<Page[]> {
  const pages = [await t.json<Page>("GET", firstPath)];
  while (pages.at(-1)!.pages.next)
    pages.push(await t.json<Page>("GET", nextPath(pages.at(-1)!.pages.next!.starting_after)));
  return pages;
}

describe("GET /contacts cursor pagination", () => {
  it("walks 1,000 contacts 150 at a time: every contact once, pages numbered, next absent on the last page", async () => {
    const pages = await walk(
      "/contacts?per_page=150",
      (c) => `/contacts?per_page=150&starting_after=${encodeURIComponent(c)}`,
    );
    expect(pages).toHaveLength(7);
    const ids = pages.flatMap((p) => p.data.map((c) => c.id));
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(new Set(pages.flatMap((p) => p.data.map((c) => c.email)))).toEqual(
      new Set(Array.from({ length: TOTAL }, (_, i) => `p${i}@example.com`)),
    );
    pages.forEach((p, i) => {
      expect(p).toMatchObject({
        type: "list",
        total_count: TOTAL,
        pages: { type: "pages", page: i + 1, per_page: 150, total_pages: 7 },
      });
      if (i < 6) expect(p.pages.next).toMatchObject({ page: i + 2 });
    });
    expect(pages[6]!.data).toHaveLength(100);
    expect(pages[6]!.pages.next).toBeUndefined();
  });

  it("defaults to 50 per page and refuses per_page above 150 or a forged cursor", async () => {
    expect((await t.json<Page>("GET", "/contacts")).data).toHaveLength(50);
    expect(errorCodes((await t.call("GET", "/contacts?per_page=151")).body)).toEqual(["parameter_invalid"]);
    expect(errorCodes((await t.call("GET", "/contacts?starting_after=garbage")).body)).toEqual(["parameter_invalid"]);
  });

  it("loses nothing when contacts are deleted between pages", async () => {
    const first = await t.json<Page>("GET", "/contacts?per_page=100");
    await t.json("DELETE", `/contacts/${first.data[99]!.id}`);
    const second = await t.json<Page>(
      "GET",
      `/contacts?per_page=100&starting_after=${first.pages.next!.starting_after}`,
    );
    const everything = await walk("/contacts?per_page=150", (c) => `/contacts?per_page=150&starting_after=${c}`);
    const all = everything.flatMap((p) => p.data.map((c) => c.id));
    expect(second.data[0]!.id).toBe(all[99]);
    await t.json("POST", "/contacts", { body: { email: "p-restored@example.com" } });
  });
});

describe("POST /contacts/search pagination", () => {
  it("pages through matches with pagination.starting_after", async () => {
    const query = { field: "email", operator: "^", value: "p1" }; // p1, p10–p19, p100–p199: 111 contacts
    const pages: Page[] = [
      await t.json<Page>("POST", "/contacts/search", { body: { query, pagination: { per_page: 50 } } }),
    ];
    while (pages.at(-1)!.pages.next) {
      pages.push(
        await t.json<Page>("POST", "/contacts/search", {
          body: { query, pagination: { per_page: 50, starting_after: pages.at(-1)!.pages.next!.starting_after } },
        }),
      );
    }
    const emails = pages.flatMap((p) => p.data.map((c) => c.email));
    expect(pages.map((p) => p.pages.page)).toEqual([1, 2, 3]);
    expect(pages[0]!.total_count).toBe(111);
    expect(new Set(emails).size).toBe(111);
    expect(emails.every((e) => e.startsWith("p1"))).toBe(true);
  });
});
