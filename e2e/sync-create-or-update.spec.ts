import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { api, createCredential, createWebhookNexset, SANDBOX_URL, signUp } from "./monitoring-setup";
import { sandboxAdmin } from "./sandbox-admin";
import { panel, step } from "./wizard-helpers";

// A webhook source receives 3 people; "Create or update a contact" is chosen in the wizard's
// endpoint picker (its Sample Payload lists the calls a record may cause) and activated; 2 of the
// people are posted again with a changed plan and 1 new person is added. The destination page shows
// 4 created and 2 updated, and the sandbox holds 4 contacts with the new plans.

test("a re-sync through “Create or update a contact” updates Intercom instead of stopping at “already exists”", async ({
  page,
}) => {
  await signUp(page);
  const app = await sandboxAdmin.createApp({
    name: `Sync e2e ${randomBytes(3).toString("hex")}`,
    dataAttributes: [{ name: "plan", model: "contact" }],
  });
  const credentialId = await createCredential(page, app.token);
  const tag = randomBytes(3).toString("hex");
  const person = (n: number, plan: string) => ({
    external_id: `crm-${tag}-${n}`,
    email: `person${n}-${tag}@example.com`,
    name: `Person ${n}`,
    plan,
  });
  const source = await createWebhookNexset(page, [person(1, "free"), person(2, "free"), person(3, "free")]);
  const mapping = {
    enabled: true,
    rows: ["external_id", "email", "name"]
      .map((field) => ({ target: field, source: { kind: "attribute", path: field } }))
      .concat([{ target: "custom_attributes.plan", source: { kind: "attribute", path: "plan" } }]),
  };
  const { id } = await api<{ id: string }>(page, "POST", "/api/v1/destinations", {
    name: "Contacts in step",
    nexsetId: source.nexsetId,
    credentialId,
    config: {
      method: "POST",
      format: "json",
      endpointId: "sync.contacts.upsert",
      urlTemplate: `${SANDBOX_URL}/contacts`,
      intercomVersion: "2.16",
      mapping,
    },
  });

  // The wizard shows the sync entry picked, its identifier, and the calls one record may cause.
  await page.goto(`/destinations/${id}/edit`);
  await step(page, "Endpoint URL").click();
  await expect(page.getByLabel("Intercom endpoint")).toHaveValue("sync.contacts.upsert");
  await expect(page.getByLabel("Identify contacts by")).toHaveValue("external_id");
  const sequence = panel(page).getByTestId("sync-sequence").first();
  await expect(sequence).toContainText("POST");
  await expect(sequence).toContainText("/contacts/{id}");
  await expect(sequence).toContainText("when Intercom answers 409");

  await page.goto(`/destinations/${id}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("progress-outcome-created")).toHaveText("3", { timeout: 60_000 });

  await source.send([person(1, "pro"), person(2, "team"), person(4, "pro")]);
  await expect(page.getByTestId("progress-outcome-created")).toHaveText("4", { timeout: 60_000 });
  await expect(page.getByTestId("progress-outcome-updated")).toHaveText("2", { timeout: 60_000 });

  const contacts = await sandboxAdmin.contacts<{ external_id: string; custom_attributes: { plan?: string } }>(
    app.appId,
  );
  expect(contacts.map((c) => [c.external_id, c.custom_attributes.plan]).sort()).toEqual([
    [`crm-${tag}-1`, "pro"],
    [`crm-${tag}-2`, "team"],
    [`crm-${tag}-3`, "free"],
    [`crm-${tag}-4`, "pro"],
  ]);
});
