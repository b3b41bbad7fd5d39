import { expect, test } from "@playwright/test";
import {
  createNexset,
  createSandboxApp,
  createSandboxCredential,
  fillMonaco,
  firstRequest,
  nextStep,
  openWizard,
  panel,
  sandboxContacts,
  signUp,
  step,
} from "./wizard-helpers";

test("configure “Create a contact” step by step, watch the Sample Payload follow, send a test and save", async ({
  page,
}) => {
  await signUp(page);
  const app = await createSandboxApp();
  const nexsetId = await createNexset(page);
  await openWizard(page, nexsetId);

  // 1. Credential, created inline with Test connection.
  await createSandboxCredential(page, app.token);
  await expect(panel(page)).toContainText("Enter the endpoint URL");
  await nextStep(page);

  // 2–3. Method and format keep their defaults (POST, JSON).
  await expect(page.getByLabel("POST")).toBeChecked();
  await nextStep(page);
  await expect(page.getByLabel("JSON")).toBeChecked();
  await nextStep(page);

  // 4. Endpoint from the catalogue: fills the method and the sandbox host.
  await page.getByLabel("Intercom endpoint").selectOption({ label: "Create a contact — POST /contacts" });
  const url = page.getByRole("combobox", { name: "Endpoint URL" });
  await expect(url).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/contacts$/);
  await expect(panel(page)).toContainText("3 requests from 3 sample records");
  await expect(firstRequest(page)).toContainText('"internal_notes": "met at conf"');
  await expect(firstRequest(page)).toContainText("Bearer ••••" + app.token.slice(-4));
  await nextStep(page);

  // 4b. Map fields: the default mapping (fields by name); plan and internal_notes have no field and
  // the workspace defines no such data attribute, so they are named as not sent.
  await expect(page.getByRole("heading", { name: "5. Map fields" })).toBeVisible();
  await expect(page.getByLabel("Target of row 1", { exact: true })).toHaveValue("email");
  await expect(page.getByRole("status").filter({ hasText: "Not sent" })).toContainText("“plan”, “internal_notes”");
  await expect(firstRequest(page)).not.toContainText("internal_notes");
  await expect(firstRequest(page)).toContainText('"external_id": "crm-1"');
  await nextStep(page);

  // 5. A custom header and Intercom-Version: both appear in the preview's headers.
  await page.getByRole("textbox", { name: "Request headers" }).fill("X-Source:flowgate-e2e,X-Trace:a:b:c");
  await expect(firstRequest(page)).toContainText("X-Source");
  await expect(firstRequest(page)).toContainText("a:b:c");
  await page.getByLabel("Intercom-Version").selectOption("2.11");
  await expect(firstRequest(page).getByRole("row", { name: /Intercom-Version/ })).toContainText("2.11");
  await nextStep(page);

  // 6. Exclude an attribute: a chip appears; excluding a mapped source takes its field out of every body.
  await page.getByLabel("Exclude an attribute").selectOption("internal_notes");
  await expect(page.getByRole("button", { name: "Remove internal_notes" })).toBeVisible();
  await expect(panel(page)).not.toContainText("internal_notes");
  await page.getByLabel("Exclude an attribute").selectOption("external_id");
  await expect(firstRequest(page)).not.toContainText('"external_id"');
  await page.getByRole("button", { name: "Remove external_id" }).click();
  await expect(firstRequest(page)).toContainText('"external_id": "crm-1"');

  // 7–9. Batching off, no response webhook, then review.
  await nextStep(page);
  await expect(page.getByLabel("Send records in batches")).not.toBeChecked();
  await nextStep(page);
  await nextStep(page);
  await expect(page.getByRole("heading", { name: "10. Review" })).toBeVisible();

  // Test mode: send the second sample to the sandbox and see its answer.
  await panel(page).getByRole("tab", { name: "Test" }).click();
  await panel(page).getByLabel("Sample request").selectOption({ index: 1 });
  await expect(panel(page).getByRole("textbox", { name: "Test body" })).toBeAttached({ timeout: 30_000 });
  // An edited body that is not JSON is flagged, and can't be sent.
  await fillMonaco(page, "Test body", '{"email": "alan@example.com",}');
  await expect(panel(page).getByRole("alert").filter({ hasText: "Invalid JSON" })).toBeVisible();
  await expect(panel(page).getByRole("button", { name: "Send Test Data" })).toBeDisabled();
  await panel(page).getByRole("button", { name: "Discard edits" }).click();
  await panel(page).getByRole("button", { name: "Send Test Data" }).click();
  const result = panel(page).getByTestId("test-result");
  await expect(result.getByTestId("test-status")).toHaveText("HTTP 200");
  const contacts = await sandboxContacts(app.appId);
  expect(contacts.map((contact) => contact.email)).toEqual(["alan@example.com"]);
  await expect(result.getByLabel("Response body")).toContainText(contacts[0]!.id);
  await expect(result.getByLabel("Rate limit")).toContainText(/Remaining\s*\d+/);
  await expect(result).toContainText(/\d+ ms/);

  // Done saves a draft; the wizard reopens on it.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/\/destinations\/[^/]+\/edit\?saved=1$/, { timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: "Saved as a draft" })).toBeVisible();
  const id = /\/destinations\/([^/]+)\/edit/.exec(page.url())![1]!;
  const saved = await (await page.request.get(`/api/v1/destinations/${id}`)).json();
  expect(saved).toMatchObject({
    status: "draft",
    configVersion: 1,
    nexsetId,
    config: {
      method: "POST",
      endpointId: "contacts.create",
      headersText: "X-Source:flowgate-e2e,X-Trace:a:b:c",
      intercomVersion: "2.11",
      excludedAttributes: ["internal_notes"],
      mapping: { enabled: true, rows: [{ target: "email" }, { target: "name" }, { target: "external_id" }] },
    },
  });
  await expect(page.getByRole("combobox", { name: "Endpoint URL" })).toHaveCount(0);
  await expect(page.getByLabel("Intercom connection", { exact: true })).toHaveValue(saved.credentialId);

  // Editing: the same wizard, filled in; saving makes version 2.
  await step(page, "Request headers").click();
  await expect(page.getByRole("textbox", { name: "Request headers" })).toHaveValue(
    "X-Source:flowgate-e2e,X-Trace:a:b:c",
  );
  await page.getByRole("textbox", { name: "Request headers" }).fill("X-Source:flowgate-e2e-v2");
  await expect(firstRequest(page)).toContainText("flowgate-e2e-v2");
  await step(page, "Review").click();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 2." })).toBeVisible({ timeout: 30_000 });
  const edited = await (await page.request.get(`/api/v1/destinations/${id}`)).json();
  expect(edited).toMatchObject({ configVersion: 2, config: { headersText: "X-Source:flowgate-e2e-v2" } });
});
