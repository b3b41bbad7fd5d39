import { describe, expect, it } from "vitest";
import { createWorkspaceAttribute, getWorkspaceAttributes } from "@/lib/credentials/workspace-attributes";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { readTestFile } from "@/lib/sources/file/read-test-file";
import {
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { bodyFieldsFor, contactBodyFields } from "@/lib/connectors/intercom/body-fields";
import { checkMapping } from "./check-mapping";
import { computeDefaultMapping } from "./compute-default-mapping";

// A flat CRM export, as a user uploads it, delivered to "Create a contact" with the mapping the
// wizard proposes: real PostgreSQL, Redis, worker and the Intercom sandbox.

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

const PLANS = ["free", "starter", "pro", "enterprise"];
function crmCsv(rows: number, tag: string): string {
  const lines = ["email,full_name,plan,seats,signup_date,newsletter"];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const seats = i % 10 === 3 ? "" : String((i % 40) + 1); // some cells empty, as exports have them
    const signup = i % 2 === 0 ? `2024-02-${day}` : `2024-02-${day}T08:15:00+01:00`;
    lines.push(
      `user${i}-${tag}@example.com,"Person ${i}, Jr",${PLANS[i % 4]},${seats},${signup},${i % 3 === 0 ? "yes" : "no"}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function seatsAttribute(appId: string) {
  const app = f.sandbox.registry.byId(appId)!;
  app.data.dataAttributes.create({
    name: "plan",
    model: "contact",
    dataType: "string",
    description: "",
    options: [],
    createdAt: 0,
  });
  app.data.dataAttributes.create({
    name: "seats",
    model: "contact",
    dataType: "integer",
    description: "",
    options: [],
    createdAt: 0,
  });
}

describe("delivery with the default field mapping", () => {
  it("delivers a flat 1,000-row CSV as typed contacts: name, custom attributes, signed_up_at in Unix seconds", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    await seatsAttribute(appId);
    const { records } = await readTestFile(crmCsv(1_000, "flat"), { fileName: "crm.csv", chunkSize: 64 * 1024 });
    // As the upload gives them: dates and yes/no as text, empty cells null.
    expect(records[0]).toMatchObject({ seats: 1, signup_date: "2024-02-01", newsletter: "yes" });
    expect(records[3]).toMatchObject({ seats: null });
    const nexsetId = await createNexsetWithRecords(f, records);

    const proposal = await computeDefaultMapping(f.db, f.organisationId, {
      nexsetId,
      credentialId,
      urlTemplate: "/contacts",
      endpointId: "contacts.create",
      intercomVersion: "2.14",
    });
    expect(
      proposal.rows.map((row) => `${row.source.kind === "attribute" ? row.source.path : ""}→${row.target}:${row.type}`),
    ).toEqual([
      "email→email:string",
      "full_name→name:string",
      "plan→custom_attributes.plan:string",
      "seats→custom_attributes.seats:integer",
      "signup_date→signed_up_at:timestamp",
    ]);
    expect(proposal.notSent).toEqual([
      { attribute: "newsletter", reason: expect.stringContaining("no contact data attribute") },
    ]);
    expect(proposal.warnings).toEqual([]);

    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { mapping: { enabled: true, rows: proposal.rows } },
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const progress = await waitFor(
      hooks.progressOf(destinationId),
      (p) => p.processed === 1_000,
      60_000,
      "1,000 delivered",
    );
    expect(progress).toMatchObject({ delivered: 1_000, errorRecords: 0 });

    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.all();
    expect(contacts).toHaveLength(1_000);
    const byEmail = new Map(contacts.map((contact) => [contact.email, contact]));
    for (let i = 0; i < 1_000; i++) {
      const contact = byEmail.get(`user${i}-flat@example.com`)!;
      const day = (i % 28) + 1;
      const signedUp = Date.UTC(2024, 1, day) / 1000 + (i % 2 === 0 ? 0 : 7 * 3600 + 15 * 60);
      expect(contact.name).toBe(`Person ${i}, Jr`);
      expect(contact.signedUpAt).toBe(signedUp);
      const custom = i % 10 === 3 ? { plan: PLANS[i % 4] } : { plan: PLANS[i % 4], seats: (i % 40) + 1 };
      expect(contact.customAttributes).toEqual(custom);
    }
  });

  it("warns about an undefined attribute before any call, creates it, then delivers it", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    const nexsetId = await createNexsetWithRecords(f, [
      { email: "ada@example.com", name: "Ada", tier: "gold" },
      { email: "bob@example.com", name: "Bob", tier: "" },
    ]);
    const settings = { nexsetId, credentialId, urlTemplate: "/contacts", intercomVersion: "2.14" };
    const before = await computeDefaultMapping(f.db, f.organisationId, settings);
    expect(before.notSent.map((entry) => entry.attribute)).toEqual(["tier"]);
    // The user adds the row; the check names the missing data attribute before anything is sent.
    const rows = [
      ...before.rows,
      {
        target: "custom_attributes.tier",
        source: { kind: "attribute" as const, path: "tier" },
        type: "string" as const,
      },
    ];
    const workspace = await getWorkspaceAttributes(f.db, f.organisationId, credentialId);
    const check = (attributes: typeof workspace.attributes) =>
      checkMapping({
        rows,
        fields: bodyFieldsFor(contactBodyFields, "2.14"),
        endpointName: "Create a contact",
        version: "2.14",
        workspaceAttributes: attributes,
        attributePaths: ["email", "name", "tier"],
        samples: [],
      });
    expect(check(workspace.attributes)).toEqual([
      expect.objectContaining({ row: 2, kind: "missing-attribute", attributeName: "tier" }),
    ]);
    const callsBefore = f.sandbox.requests(appId).filter((request) => request.path === "/contacts").length;
    expect(callsBefore).toBe(0);

    await expect(
      createWorkspaceAttribute(f.db, f.organisationId, credentialId, {
        name: "ti.er",
        model: "contact",
        dataType: "string",
      }),
    ).rejects.toMatchObject({ status: 400 });
    await createWorkspaceAttribute(f.db, f.organisationId, credentialId, {
      name: "tier",
      model: "contact",
      dataType: "string",
    });
    await expect(
      createWorkspaceAttribute(f.db, f.organisationId, credentialId, {
        name: "tier",
        model: "contact",
        dataType: "string",
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("You already have 'tier'") });
    const listed = await getWorkspaceAttributes(f.db, f.organisationId, credentialId);
    expect(listed.attributes).toContainEqual(expect.objectContaining({ name: "tier", model: "contact", custom: true }));
    const after = await computeDefaultMapping(f.db, f.organisationId, settings);
    expect(after.notSent).toEqual([]);
    expect(check(listed.attributes)).toEqual([]);
    expect(after.rows.at(-1)).toMatchObject({ target: "custom_attributes.tier" });

    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { mapping: { enabled: true, rows } },
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(hooks.progressOf(destinationId), (p) => p.processed === 2, 20_000, "2 delivered");
    const contacts = f.sandbox.registry.byId(appId)!.data.contacts.all();
    expect(contacts.map((contact) => contact.customAttributes)).toEqual([{ tier: "gold" }, {}]);
  });
});
