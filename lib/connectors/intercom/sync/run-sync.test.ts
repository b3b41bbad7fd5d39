import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { waitForSearch } from "@/sandbox/test-support";
import { sendIntercomRequest } from "../client";
import { closeIntercomDispatcher } from "../http-agent";
import { runSync, type SyncInput } from "./run-sync";
import type { SyncAnswer, SyncCall, SyncSend } from "./sync-calls";

// The sequences against the project's Intercom sandbox (as strict as Intercom), plus a few answers
// the sandbox never gives (a 409 that names no id), scripted.

let sandbox: Sandbox;
let appId: string;
let token: string;
const headers = { "Content-Type": "application/json", Accept: "application/json", "Intercom-Version": "2.16" };

const savedSandboxUrl = process.env.INTERCOM_SANDBOX_URL;
beforeAll(async () => {
  // A short lag, not Intercom's few seconds: each step that searches for a contact just created still
  // waits for the index as a client would, without making every test wait seconds.
  sandbox = await createSandbox({ port: 0, searchIndexLagMs: 200, logger: { error: () => undefined } });
  process.env.INTERCOM_SANDBOX_URL = sandbox.url; // the outbound guard lets calls reach it
});
afterAll(async () => {
  if (savedSandboxUrl === undefined) delete process.env.INTERCOM_SANDBOX_URL;
  else process.env.INTERCOM_SANDBOX_URL = savedSandboxUrl;
  await sandbox.close();
  await closeIntercomDispatcher();
});
beforeEach(() => {
  ({ appId, token } = sandbox.createApp({ name: "Sync", dataAttributes: [{ name: "plan" }] }));
});

const send: SyncSend = (call) =>
  sendIntercomRequest({
    method: call.method,
    url: call.url,
    baseUrl: sandbox.url,
    token,
    headers: call.headers,
    body: call.body,
  });

function input(
  kind: SyncInput["kind"],
  body: Record<string, unknown>,
  identifier: SyncInput["identifier"] = "external_id",
) {
  return { kind, identifier, base: { baseUrl: sandbox.url, headers }, body: JSON.stringify(body) };
}

const contacts = () => sandbox.registry.byId(appId)!.data.contacts.all();
/** Until Intercom's search index (lagging writes) has the contacts just created, as a client would wait. */
const indexed = (field: string, value: string, count = 1) =>
  waitForSearch(sandbox.url, token, { field, operator: "=", value }, count);
const steps = (result: { exchanges: { call: SyncCall }[] }) => result.exchanges.map((e) => e.call.step);

describe("create or update a contact", () => {
  it("creates, then on a re-sync takes the id from the 409 and PUTs the same body: two calls, no search", async () => {
    const first = await runSync(
      input("contact_upsert", { external_id: "crm-7", email: "li@example.com", custom_attributes: { plan: "free" } }),
      send,
    );
    expect(first).toMatchObject({ outcome: "created" });
    const again = await runSync(
      input("contact_upsert", { external_id: "crm-7", email: "li@example.com", custom_attributes: { plan: "pro" } }),
      send,
    );
    expect(again).toMatchObject({ outcome: "updated", contactId: first.contactId });
    expect(steps(again)).toEqual(["create", "update"]);
    expect(contacts()).toHaveLength(1);
    expect(contacts()[0]!.customAttributes).toEqual({ plan: "pro" });
  });

  it("unarchives an archived contact before updating it", async () => {
    const first = await runSync(input("contact_upsert", { email: "old@example.com" }, "email"), send);
    sandbox.registry.byId(appId)!.data.contacts.setArchived(contacts()[0]!, true);
    const again = await runSync(input("contact_upsert", { email: "old@example.com", name: "Back" }, "email"), send);
    expect(again).toMatchObject({ outcome: "updated", contactId: first.contactId });
    expect(steps(again)).toEqual(["create", "unarchive", "update"]);
    expect(contacts()[0]).toMatchObject({ archived: false, name: "Back" });
  });

  it("finds a lead by email with a search (a lead's email never conflicts) and refuses to pick among several", async () => {
    const lead = await runSync(input("contact_upsert", { role: "lead", email: "lead@example.com" }, "email"), send);
    expect(lead).toMatchObject({ outcome: "created" });
    await indexed("email", "lead@example.com");
    const again = await runSync(
      input("contact_upsert", { role: "lead", email: "lead@example.com", name: "L" }, "email"),
      send,
    );
    expect(again).toMatchObject({ outcome: "updated", contactId: lead.contactId });
    expect(steps(again)).toEqual(["search", "update"]);

    const user = await runSync(input("contact_upsert", { email: "lead@example.com" }, "email"), send);
    expect(user).toMatchObject({ outcome: "created" }); // a user may share a lead's email
    await indexed("email", "lead@example.com", 2);
    const ambiguous = await runSync(
      input("contact_upsert", { role: "lead", email: "lead@example.com" }, "email"),
      send,
    );
    expect(ambiguous.outcome).toBe("error");
    expect(ambiguous.message).toContain(lead.contactId);
    expect(ambiguous.message).toContain(user.contactId);
    expect(steps(ambiguous)).toEqual(["search"]);
  });

  it("sends nothing for a record whose identifier is missing or empty, and names it", async () => {
    for (const body of [
      { email: "x@example.com" },
      { external_id: "  ", email: "y@example.com" },
      { external_id: null },
    ]) {
      const result = await runSync(input("contact_upsert", body), send);
      expect(result).toMatchObject({ outcome: "error", exchanges: [] });
      expect(result.message).toContain("external_id");
    }
    expect(contacts()).toHaveLength(0);
  });

  it("ends two racing creates for one identifier as one contact, updated", async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => runSync(input("contact_upsert", { external_id: "race", name: `n${n}` }), send)),
    );
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "updated")).toHaveLength(3);
    expect(contacts()).toHaveLength(1);
  });

  it("a 409 that names no id falls back to a search; no match is an error naming the identifier", async () => {
    const scripted = script({
      create: { outcome: "conflict", status: 409, body: {} },
      search: { outcome: "success", status: 200, body: { total_count: 1, data: [{ id: "abc123" }] } },
      update: { outcome: "success", status: 200, body: { id: "abc123" } },
    });
    expect(await runSync(input("contact_upsert", { external_id: "e" }), scripted)).toMatchObject({
      outcome: "updated",
      contactId: "abc123",
    });
    const none = script({
      create: { outcome: "conflict", status: 409, body: {} },
      search: { outcome: "success", status: 200, body: { total_count: 0, data: [] } },
    });
    const result = await runSync(input("contact_upsert", { external_id: "e" }), none);
    expect(result).toMatchObject({ outcome: "error" });
    expect(result.message).toContain("external_id=e");
  });

  it("stops without a verdict when a call is abandoned, and reports the failing call of an error", async () => {
    const abandoned = await runSync(input("contact_upsert", { external_id: "e" }), () => Promise.resolve(undefined));
    expect(abandoned).toEqual({ outcome: "abandoned", exchanges: [] });
    const refused = await runSync(input("contact_upsert", { external_id: "e", email: "not an email" }), send);
    expect(refused).toMatchObject({ outcome: "error", failedCall: 0 });
    expect(refused.message).toMatch(/^POST \/contacts: 400/);
  });
});

describe("update, archive, delete by identifier", () => {
  it("update: search then PUT; no match is an error, not a create", async () => {
    const created = await runSync(input("contact_upsert", { email: "u@example.com" }, "email"), send);
    await indexed("email", "u@example.com");
    const updated = await runSync(input("contact_update", { email: "u@example.com", name: "U" }, "email"), send);
    expect(updated).toMatchObject({ outcome: "updated", contactId: created.contactId });
    expect(steps(updated)).toEqual(["search", "update"]);
    const missing = await runSync(input("contact_update", { email: "nobody@example.com" }, "email"), send);
    expect(missing).toMatchObject({
      outcome: "error",
      message:
        "no contact with email=nobody@example.com (a contact created in the last few minutes may not be in Intercom's search index yet: replay the record later)",
    });
    expect(contacts()).toHaveLength(1);
  });

  it("update right after a create: the lagging search finds none, an error record that says why (replayable), no create", async () => {
    await runSync(input("contact_upsert", { email: "fresh@example.com" }, "email"), send);
    const early = await runSync(input("contact_update", { email: "fresh@example.com", name: "F" }, "email"), send);
    expect(early).toMatchObject({ outcome: "error" });
    expect(early.message).toContain("not be in Intercom's search index yet");
    expect(steps(early)).toEqual(["search"]);
    expect(contacts().map((c) => [c.email, c.name])).toEqual([["fresh@example.com", null]]);
    // Replayed once the index has it, the same sequence updates the contact.
    await indexed("email", "fresh@example.com");
    const replayed = await runSync(input("contact_update", { email: "fresh@example.com", name: "F" }, "email"), send);
    expect(replayed).toMatchObject({ outcome: "updated" });
    expect(contacts().map((c) => [c.email, c.name])).toEqual([["fresh@example.com", "F"]]);
  });

  it("archive and delete: the call on the single match; no match is already gone", async () => {
    await runSync(input("contact_upsert", { external_id: "a" }), send);
    await runSync(input("contact_upsert", { external_id: "d" }), send);
    await Promise.all([indexed("external_id", "a"), indexed("external_id", "d")]);
    expect(await runSync(input("contact_archive", { external_id: "a" }), send)).toMatchObject({ outcome: "archived" });
    expect(await runSync(input("contact_archive", { external_id: "a" }), send)).toMatchObject({
      outcome: "already_gone",
    });
    expect(await runSync(input("contact_delete", { external_id: "d" }), send)).toMatchObject({ outcome: "deleted" });
    expect(await runSync(input("contact_delete", { external_id: "d" }), send)).toMatchObject({
      outcome: "already_gone",
    });
    expect(contacts().map((c) => [c.externalId, c.archived])).toEqual([["a", true]]);
  });
});

describe("companies", () => {
  it("upserts by company_id and attaches the contact, creating it when missing", async () => {
    const company = { company_id: "acme", name: "Acme" };
    const first = await runSync(
      { ...input("company_upsert_attach", company, "email"), contactIdentifierValue: "ann@acme.test" },
      send,
    );
    expect(first).toMatchObject({ outcome: "created" });
    expect(steps(first)).toEqual(["company", "create", "attach"]);
    const second = await runSync(
      {
        ...input("company_upsert_attach", { ...company, name: "Acme Ltd" }, "email"),
        contactIdentifierValue: "ann@acme.test",
      },
      send,
    );
    expect(second.companyId).toBe(first.companyId);
    expect(contacts()).toHaveLength(1);
    expect([...contacts()[0]!.companyIds]).toEqual([first.companyId]);
    const noContact = await runSync(
      { ...input("company_upsert_attach", company, "email"), contactIdentifierValue: "" },
      send,
    );
    expect(noContact).toMatchObject({ outcome: "error", exchanges: [] });
    expect(noContact.message).toContain("contact email");
  });
});

function script(answers: Partial<Record<SyncCall["step"], SyncAnswer>>): SyncSend {
  return (call) => Promise.resolve(answers[call.step] ?? { outcome: "permanent", status: 500, body: {} });
}
