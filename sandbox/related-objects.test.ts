import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, errorMessages, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
let contactId: string;
let adminId: string;

beforeAll(async () => {
  t = await startTestSandbox({}, { dataAttributes: [{ name: "industry_code", model: "company" }] });
  contactId = (
    await t.json<{ id: string }>("POST", "/contacts", { body: { email: "rel@example.com", external_id: "rel-1" } })
  ).id;
  adminId = (await t.json<{ id: string }>("GET", "/me")).id;
});
afterAll(() => t.sandbox.close());

describe("companies", () => {
  it("creates, then updates by company_id, and lists and shows it", async () => {
    const created = await t.json<{ id: string }>("POST", "/companies", {
      body: { company_id: "acme", name: "Acme", plan: "pro", custom_attributes: { industry_code: "A1" } },
    });
    const updated = await t.json<{ id: string }>("POST", "/companies", { body: { company_id: "acme", size: 50 } });
    expect(updated).toMatchObject({
      type: "company",
      id: created.id,
      company_id: "acme",
      name: "Acme",
      size: 50,
      plan: { type: "plan", name: "pro" },
      custom_attributes: { industry_code: "A1" },
    });
    expect(await t.json("GET", `/companies/${created.id}`)).toMatchObject({ id: created.id });
    expect(await t.json("GET", "/companies?company_id=acme")).toMatchObject({
      type: "list",
      total_count: 1,
      data: [{ id: created.id }],
    });
    expect((await t.call("GET", "/companies?company_id=nope")).body).toMatchObject({
      errors: [{ code: "company_not_found", message: "Company Not Found" }],
    });
    expect(errorCodes((await t.call("POST", "/companies", { body: { name: "No id" } })).body)).toEqual([
      "parameter_not_found",
    ]);
  });

  it("attaches a contact, lists the contact's companies, counts users, detaches", async () => {
    const company = await t.json<{ id: string }>("POST", "/companies", {
      body: { company_id: "globex", name: "Globex" },
    });
    expect(await t.json("POST", `/contacts/${contactId}/companies`, { body: { id: company.id } })).toMatchObject({
      id: company.id,
      user_count: 1,
    });
    expect(await t.json("GET", `/contacts/${contactId}/companies`)).toMatchObject({
      type: "list",
      total_count: 1,
      data: [{ id: company.id, company_id: "globex" }],
    });
    expect(await t.json("GET", `/contacts/${contactId}`)).toMatchObject({
      companies: { total_count: 1, data: [{ type: "company", id: company.id }] },
    });
    expect(await t.json("DELETE", `/contacts/${contactId}/companies/${company.id}`)).toMatchObject({
      id: company.id,
      user_count: 0,
    });
    expect(await t.json("GET", `/contacts/${contactId}/companies`)).toMatchObject({ total_count: 0 });
    expect((await t.call("POST", `/contacts/${contactId}/companies`, { body: { id: "missing" } })).status).toBe(404);
    expect(errorMessages((await t.call("POST", `/contacts/${contactId}/companies`, { body: {} })).body)).toEqual([
      "company not specified",
    ]);
  });
});

describe("tags", () => {
  it("creates a tag once by name, attaches it to a contact and detaches it", async () => {
    const tag = await t.json<{ id: string }>("POST", "/tags", { body: { name: "VIP" } });
    expect(await t.json("POST", "/tags", { body: { name: "VIP" } })).toEqual({ type: "tag", id: tag.id, name: "VIP" });
    expect(await t.json("GET", "/tags")).toMatchObject({
      type: "list",
      data: [{ type: "tag", id: tag.id, name: "VIP" }],
    });
    expect(await t.json("POST", `/contacts/${contactId}/tags`, { body: { id: tag.id } })).toMatchObject({
      type: "tag",
      id: tag.id,
      applied_by: { type: "admin", id: adminId },
    });
    expect(await t.json("GET", `/contacts/${contactId}/tags`)).toMatchObject({ data: [{ id: tag.id }] });
    expect(await t.json("DELETE", `/contacts/${contactId}/tags/${tag.id}`)).toMatchObject({ id: tag.id });
    expect(await t.json("GET", `/contacts/${contactId}/tags`)).toEqual({ type: "list", data: [] });
    expect((await t.call("POST", `/contacts/${contactId}/tags`, { body: { id: "999999" } })).status).toBe(404);
  });
});

describe("notes", () => {
  it("creates a note on a contact (wrapped in <p>) and lists it; POST /notes does not exist", async () => {
    const note = await t.json("POST", `/contacts/${contactId}/notes`, {
      body: { body: "Called them", admin_id: adminId },
    });
    expect(note).toMatchObject({
      type: "note",
      body: "<p>Called them</p>",
      contact: { type: "contact", id: contactId },
      author: { type: "admin", id: adminId },
    });
    expect(await t.json("GET", `/contacts/${contactId}/notes`)).toMatchObject({
      type: "list",
      total_count: 1,
      data: [note],
    });
    expect((await t.call("POST", "/notes", { body: { body: "x", contact_id: contactId } })).status).toBe(404);
    expect((await t.call("POST", `/contacts/${contactId}/notes`, { body: { body: "x", admin_id: "1" } })).status).toBe(
      404,
    );
    expect(errorCodes((await t.call("POST", `/contacts/${contactId}/notes`, { body: {} })).body)).toEqual([
      "parameter_not_found",
    ]);
  });
});

describe("events", () => {
  it("answers 202 with an empty body, ignores a duplicate, and 404s an unknown user", async () => {
    const event = {
      event_name: "ordered",
      created_at: 1_700_000_000,
      user_id: "rel-1",
      metadata: { price: { amount: 3499, currency: "eur" } },
    };
    const accepted = await t.call("POST", "/events", { body: event });
    expect(accepted.status).toBe(202);
    expect(accepted.bytes.length).toBe(0);
    expect((await t.call("POST", "/events", { body: event })).status).toBe(202);
    const stored = await t.sandbox.admin.get(`/apps/${t.appId}/events`);
    expect(stored).toMatchObject({ events: [{ eventName: "ordered", contactId }] });
    expect((stored as { events: unknown[] }).events).toHaveLength(1);
    expect((await t.call("POST", "/events", { body: { ...event, user_id: "nobody" } })).status).toBe(404);
    expect(errorCodes((await t.call("POST", "/events", { body: { event_name: "x", created_at: 1 } })).body)).toEqual([
      "parameter_not_found",
    ]);
    expect((await t.call("POST", "/events", { body: { ...event, metadata: { nested: { a: 1 } } } })).status).toBe(400);
  });
});

describe("conversations and messages", () => {
  it("starts a conversation from a contact, replies as admin and as the contact, reads it back", async () => {
    const message = await t.json<{ conversation_id: string }>("POST", "/conversations", {
      body: { from: { type: "user", id: contactId }, body: "Hello" },
    });
    expect(message).toMatchObject({ type: "user_message", body: "Hello", message_type: "inapp" });
    const id = message.conversation_id;
    await t.json("POST", `/conversations/${id}/reply`, {
      body: { type: "admin", message_type: "comment", admin_id: adminId, body: "Hi!" },
    });
    const after = await t.json("POST", `/conversations/${id}/reply`, {
      body: { type: "user", message_type: "comment", intercom_user_id: contactId, body: "Thanks" },
    });
    expect(after).toMatchObject({
      type: "conversation",
      id,
      conversation_parts: {
        total_count: 2,
        conversation_parts: [{ body: "Hi!", author: { type: "admin" } }, { body: "Thanks" }],
      },
    });
    expect(await t.json("GET", `/conversations/${id}`)).toEqual(after);
    expect(
      (await t.call("POST", "/conversations", { body: { from: { type: "user", id: "nobody" }, body: "x" } })).status,
    ).toBe(404);
    expect(
      (
        await t.call("POST", "/conversations/999999/reply", {
          body: { type: "admin", message_type: "comment", admin_id: adminId, body: "x" },
        })
      ).status,
    ).toBe(404);
  });

  it("sends admin messages, and wants a subject for an email", async () => {
    const inApp = {
      message_type: "inapp",
      body: "Hey",
      from: { type: "admin", id: Number(adminId) },
      to: { type: "user", id: contactId },
    };
    expect(await t.json("POST", "/messages", { body: inApp })).toMatchObject({
      type: "admin_message",
      message_type: "inapp",
      body: "Hey",
    });
    const email = await t.call("POST", "/messages", { body: { ...inApp, message_type: "email" } });
    expect(email.status).toBe(422);
    expect(email.body).toMatchObject({
      errors: [{ code: "parameter_not_found", message: "No subject supplied for email message" }],
    });
    expect((await t.call("POST", "/messages", { body: { ...inApp, body: undefined } })).body).toMatchObject({
      errors: [{ message: "Body is required" }],
    });
  });
});

describe("tickets and data attributes", () => {
  it("creates a ticket of the default ticket type for one contact", async () => {
    const types = await t.json<{ data: Array<{ id: string }> }>("GET", "/ticket_types");
    const ticket = await t.json<{ id: string }>("POST", "/tickets", {
      body: {
        ticket_type_id: types.data[0]!.id,
        contacts: [{ email: "rel@example.com" }],
        ticket_attributes: { _default_title_: "Bug" },
      },
    });
    expect(ticket).toMatchObject({
      type: "ticket",
      ticket_attributes: { _default_title_: "Bug" },
      contacts: { contacts: [{ id: contactId }] },
    });
    expect(await t.json("GET", `/tickets/${ticket.id}`)).toEqual(ticket);
    expect(errorMessages((await t.call("POST", "/tickets", { body: { contacts: [{ id: contactId }] } })).body)).toEqual(
      ["ticket_type_id is a required parameter"],
    );
  });

  it("lists standard attributes, creates a custom one once", async () => {
    const created = await t.json("POST", "/data_attributes", {
      body: { name: "score", model: "contact", data_type: "integer" },
    });
    expect(created).toMatchObject({
      type: "data_attribute",
      name: "score",
      full_name: "custom_attributes.score",
      data_type: "integer",
      custom: true,
      model: "contact",
    });
    const again = await t.call("POST", "/data_attributes", {
      body: { name: "score", model: "company", data_type: "string" },
    });
    expect(errorMessages(again.body)).toEqual([
      "You already have 'score' in your people data. To save this as new company data, use a different name.",
    ]);
    const list = await t.json<{ data: Array<{ name: string; model: string }> }>(
      "GET",
      "/data_attributes?model=contact",
    );
    expect(list.data.map((a) => a.name)).toEqual(expect.arrayContaining(["email", "score"]));
    expect(list.data.every((a) => a.model === "contact")).toBe(true);
    expect((await t.call("GET", "/data_attributes?model=conversation")).status).toBe(422);
  });
});
