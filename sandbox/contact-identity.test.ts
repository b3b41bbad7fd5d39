import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEARCH_INDEX_LAG_MS } from "./server";
import { errorMessages, startTestSandbox, type TestSandbox, waitForSearch } from "./test-support";

// Which contacts collide, what an archived one looks like, and how far behind writes search runs.
// Evidence (see README "Intercom endpoints"): recorded Intercom answers kept in public integration
// suites — "An archived contact matching those details already exists with id=…" for a create that
// meets an archived user, "User Not Found" for GET of an archived contact, leads created with the
// email of another lead; Intercom's own description of POST /contacts/search ("If a contact has
// recently been created, … it may not appear in the response. This delay can take a few minutes").

interface Contact {
  id: string;
  role: string;
  email: string;
}
interface SearchAnswer {
  total_count: number;
  data: Contact[];
}

/** A test that waits out the default index lag (the 5 s default timeout would be too tight). */
const WAITS_FOR_INDEX = DEFAULT_SEARCH_INDEX_LAG_MS + 10_000;

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sandbox.close());

const byEmail = (email: string) => ({ body: { query: { field: "email", operator: "=", value: email } } });

describe("uniqueness by role", () => {
  it("refuses a second user with the same email or external_id, naming the existing id", async () => {
    const first = await t.json<Contact>("POST", "/contacts", {
      body: { email: "Ana@Example.com", external_id: "a-1" },
    });
    for (const body of [{ email: "ana@example.com" }, { external_id: "a-1", email: "other@example.com" }]) {
      const again = await t.call("POST", "/contacts", { body });
      expect(again.status).toBe(409);
      expect(errorMessages(again.body)).toEqual([
        `A contact matching those details already exists with id=${first.id}`,
      ]);
    }
  });

  it(
    "lets leads share an email with each other and with a user; search then finds them all",
    async () => {
      const user = await t.json<Contact>("POST", "/contacts", { body: { email: "shared@example.com" } });
      const lead1 = await t.json<Contact>("POST", "/contacts", { body: { role: "lead", email: "shared@example.com" } });
      const lead2 = await t.json<Contact>("POST", "/contacts", { body: { role: "lead", email: "shared@example.com" } });
      expect(new Set([user.id, lead1.id, lead2.id]).size).toBe(3);
      await waitForSearch(t.sandbox.url, t.token, byEmail("shared@example.com").body.query, 3);
      const found = await t.json<SearchAnswer>("POST", "/contacts/search", byEmail("shared@example.com"));
      expect(found.data.map((c) => c.id).sort()).toEqual([user.id, lead1.id, lead2.id].sort());
    },
    WAITS_FOR_INDEX,
  );

  it("refuses turning a lead into a user whose email another user holds", async () => {
    const user = await t.json<Contact>("POST", "/contacts", { body: { email: "convert@example.com" } });
    const lead = await t.json<Contact>("POST", "/contacts", { body: { role: "lead", email: "convert@example.com" } });
    const converted = await t.call("PUT", `/contacts/${lead.id}`, { body: { role: "user" } });
    expect(converted.status).toBe(409);
    expect(errorMessages(converted.body)[0]).toContain(`id=${user.id}`);
  });
});

describe("archived contacts", () => {
  it(
    "are not found by GET, PUT or search, still conflict on create (with their own wording), and come back on unarchive",
    async () => {
      const contact = await t.json<Contact>("POST", "/contacts", {
        body: { email: "gone@example.com", external_id: "g-1" },
      });
      // Indexed first, so that search missing it below is the archive's doing, not the index lag's.
      await waitForSearch(t.sandbox.url, t.token, byEmail("gone@example.com").body.query);
      await t.json("POST", `/contacts/${contact.id}/archive`);
      expect((await t.call("GET", `/contacts/${contact.id}`)).status).toBe(404);
      expect((await t.call("PUT", `/contacts/${contact.id}`, { body: { name: "X" } })).status).toBe(404);
      expect((await t.call("GET", "/contacts/find_by_external_id/g-1")).status).toBe(404);
      expect((await t.json<SearchAnswer>("POST", "/contacts/search", byEmail("gone@example.com"))).total_count).toBe(0);
      const create = await t.call("POST", "/contacts", { body: { email: "gone@example.com" } });
      expect(create.status).toBe(409);
      expect(errorMessages(create.body)).toEqual([
        `An archived contact matching those details already exists with id=${contact.id}`,
      ]);
      await t.json("POST", `/contacts/${contact.id}/unarchive`);
      expect(await t.json<Contact>("PUT", `/contacts/${contact.id}`, { body: { name: "Back" } })).toMatchObject({
        id: contact.id,
      });
    },
    WAITS_FOR_INDEX,
  );
});

describe("search index lag", () => {
  it(
    `by default hides a just-created contact from search for a few seconds (${DEFAULT_SEARCH_INDEX_LAG_MS} ms)`,
    async () => {
      const contact = await t.json<Contact>("POST", "/contacts", { body: { email: "fresh@example.com" } });
      expect((await t.json<SearchAnswer>("POST", "/contacts/search", byEmail("fresh@example.com"))).total_count).toBe(
        0,
      );
      await waitForSearch(t.sandbox.url, t.token, byEmail("fresh@example.com").body.query);
      const later = await t.json<SearchAnswer>("POST", "/contacts/search", byEmail("fresh@example.com"));
      expect(later.data.map((c) => c.id)).toEqual([contact.id]);
    },
    WAITS_FOR_INDEX,
  );

  it("hides a just-created contact from search for searchIndexLagMs, while create still conflicts at once", async () => {
    const lagged = await startTestSandbox({ searchIndexLagMs: 300 });
    try {
      const contact = await lagged.json<Contact>("POST", "/contacts", { body: { email: "new@example.com" } });
      expect(
        (await lagged.json<SearchAnswer>("POST", "/contacts/search", byEmail("new@example.com"))).total_count,
      ).toBe(0);
      expect((await lagged.call("POST", "/contacts", { body: { email: "new@example.com" } })).status).toBe(409);
      await new Promise((resolve) => setTimeout(resolve, 350));
      const later = await lagged.json<SearchAnswer>("POST", "/contacts/search", byEmail("new@example.com"));
      expect(later.data.map((c) => c.id)).toEqual([contact.id]);
    } finally {
      await lagged.sandbox.close();
    }
  });

  it("can be set per app through the faults admin", async () => {
    t.sandbox.setFaults({ appId: t.appId, searchIndexLagMs: 60_000 });
    try {
      await t.json("POST", "/contacts", { body: { email: "slow@example.com" } });
      expect((await t.json<SearchAnswer>("POST", "/contacts/search", byEmail("slow@example.com"))).total_count).toBe(0);
    } finally {
      t.sandbox.clearFaults(t.appId);
    }
  });
});
