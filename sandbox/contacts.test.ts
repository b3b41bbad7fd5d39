import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, errorMessages, startTestSandbox, type TestSandbox } from "./test-support";

interface Contact {
  id: string;
  email: string;
  external_id: string | null;
  role: string;
  name: string | null;
  workspace_id: string;
  created_at: number;
  updated_at: number;
  custom_attributes: Record<string, unknown>;
}

let t: TestSandbox;
beforeAll(async () => {
  // Lag 0: these tests read writes back through search, including "nothing was stored", which a
  // lagging index would pass without proof. The lag itself is tested in contact-identity.test.ts.
  t = await startTestSandbox(
    { searchIndexLagMs: 0 },
    { dataAttributes: [{ name: "plan" }, { name: "seats", dataType: "integer" }] },
  );
});
afterAll(() => t.sandbox.close());

describe("create and read", () => {
  it("creates a contact in Intercom's shape and reads it back", async () => {
    const before = Math.floor(Date.now() / 1000);
    const created = await t.json<Contact>("POST", "/contacts", {
      body: { email: "ada@example.com", external_id: "crm-1", name: "Ada", custom_attributes: { plan: "pro" } },
    });
    expect(created).toMatchObject({
      type: "contact",
      role: "user",
      email: "ada@example.com",
      external_id: "crm-1",
      name: "Ada",
      workspace_id: t.appId,
      custom_attributes: { plan: "pro" },
    });
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.created_at).toBeGreaterThanOrEqual(before);
    expect(created.created_at).toBeLessThan(before + 5);
    expect(await t.json<Contact>("GET", `/contacts/${created.id}`)).toEqual(created);
    expect(await t.json<Contact>("GET", "/contacts/find_by_external_id/crm-1")).toMatchObject({ id: created.id });
  });

  it("creates a lead with nothing but a role, and refuses a body that names no email, external_id or role", async () => {
    expect(await t.json<Contact>("POST", "/contacts", { body: { role: "lead" } })).toMatchObject({
      role: "lead",
      email: "",
    });
    const empty = await t.call("POST", "/contacts", { body: {} });
    expect(empty.status).toBe(400);
    expect(errorCodes(empty.body)).toEqual(["parameter_not_found"]);
    const badRole = await t.call("POST", "/contacts", { body: { role: "visitor", email: "v@example.com" } });
    expect(errorCodes(badRole.body)).toEqual(["parameter_invalid"]);
  });

  it("answers 404 User Not Found for an unknown id", async () => {
    const result = await t.call("GET", "/contacts/000000000000000000000000");
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ errors: [{ code: "not_found", message: "User Not Found" }] });
  });
});

describe("409 conflict", () => {
  it("names the existing contact's id for a duplicate email (any case) or external_id", async () => {
    const existing = await t.json<Contact>("POST", "/contacts", {
      body: { email: "dup@example.com", external_id: "dup-1" },
    });
    for (const body of [{ email: "DUP@example.com" }, { external_id: "dup-1", email: "other@example.com" }]) {
      const result = await t.call("POST", "/contacts", { body });
      expect(result.status).toBe(409);
      expect(result.body).toMatchObject({
        type: "error.list",
        errors: [
          { code: "conflict", message: `A contact matching those details already exists with id=${existing.id}` },
        ],
      });
    }
    const all = await t.json<{ data: Contact[] }>("POST", "/contacts/search", {
      body: { query: { field: "email", operator: "=", value: "dup@example.com" } },
    });
    expect(all.data).toHaveLength(1);
  });

  it("refuses an update that takes another contact's email", async () => {
    const a = await t.json<Contact>("POST", "/contacts", { body: { email: "a-owner@example.com" } });
    const b = await t.json<Contact>("POST", "/contacts", { body: { email: "b-owner@example.com" } });
    const result = await t.call("PUT", `/contacts/${b.id}`, { body: { email: "a-owner@example.com" } });
    expect(result.status).toBe(409);
    expect(errorMessages(result.body)[0]).toContain(a.id);
    expect(await t.json<Contact>("GET", `/contacts/${b.id}`)).toMatchObject({ email: "b-owner@example.com" });
  });
});

describe("update, archive, delete", () => {
  it("PUT updates the given fields and merges custom attributes", async () => {
    const contact = await t.json<Contact>("POST", "/contacts", {
      body: { email: "put@example.com", name: "Old", custom_attributes: { plan: "free" } },
    });
    const updated = await t.json<Contact>("PUT", `/contacts/${contact.id}`, {
      body: { name: "New", custom_attributes: { seats: 3 } },
    });
    expect(updated).toMatchObject({
      id: contact.id,
      email: "put@example.com",
      name: "New",
      custom_attributes: { plan: "free", seats: 3 },
    });
    expect(await t.json<Contact>("GET", `/contacts/${contact.id}`)).toMatchObject({ name: "New" });
  });

  it("archives (hidden from the list) and unarchives", async () => {
    const contact = await t.json<Contact>("POST", "/contacts", { body: { email: "arch@example.com" } });
    const listed = async () =>
      (await t.json<{ data: Contact[] }>("GET", "/contacts?per_page=150")).data.some((c) => c.id === contact.id);
    expect(await t.json("POST", `/contacts/${contact.id}/archive`)).toEqual({
      type: "contact",
      id: contact.id,
      external_id: null,
      archived: true,
    });
    expect(await listed()).toBe(false);
    expect(await t.json("POST", `/contacts/${contact.id}/unarchive`)).toMatchObject({ archived: false });
    expect(await listed()).toBe(true);
  });

  it("DELETE answers {type, id, external_id, deleted: true} and frees the email", async () => {
    const contact = await t.json<Contact>("POST", "/contacts", {
      body: { email: "gone@example.com", external_id: "gone-1" },
    });
    expect(await t.json("DELETE", `/contacts/${contact.id}`)).toEqual({
      type: "contact",
      id: contact.id,
      external_id: "gone-1",
      deleted: true,
    });
    expect((await t.call("GET", `/contacts/${contact.id}`)).status).toBe(404);
    expect((await t.call("POST", "/contacts", { body: { email: "gone@example.com" } })).status).toBe(200);
  });
});

describe("custom attributes", () => {
  it("refuses an attribute that was not created, and a value of the wrong type", async () => {
    const unknown = await t.call("POST", "/contacts", {
      body: { email: "ca@example.com", custom_attributes: { nickname: "x" } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      errors: [{ code: "parameter_invalid", message: "Custom attribute 'nickname' does not exist" }],
    });
    const wrongType = await t.call("POST", "/contacts", {
      body: { email: "ca@example.com", custom_attributes: { seats: "three" } },
    });
    expect(wrongType.status).toBe(400);
    expect(
      (
        await t.call("POST", "/contacts/search", {
          body: { query: { field: "email", operator: "=", value: "ca@example.com" } },
        })
      ).body,
    ).toMatchObject({ total_count: 0 });
  });

  it("accepts it once created through POST /data_attributes", async () => {
    await t.json("POST", "/data_attributes", { body: { name: "nickname", model: "contact", data_type: "string" } });
    expect(
      await t.json<Contact>("POST", "/contacts", {
        body: { email: "ca2@example.com", custom_attributes: { nickname: "x" } },
      }),
    ).toMatchObject({ custom_attributes: { nickname: "x" } });
  });
});
