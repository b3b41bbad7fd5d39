import { expect, test } from "@playwright/test";
import {
  createNexset,
  createSandboxApp,
  createSandboxCredential,
  fillMonaco,
  firstRequest,
  openWizard,
  panel,
  sandboxRequests,
  signUp,
  step,
} from "./wizard-helpers";

test("batch into Preview bulk contacts with “property inside a JSON object”, then with code; Send Test succeeds", async ({
  page,
}) => {
  await signUp(page);
  const app = await createSandboxApp();
  const nexsetId = await createNexset(page);
  await openWizard(page, nexsetId);
  await createSandboxCredential(page, app.token);

  // Bulk create contacts exists only in the Preview API: picking it switches the version.
  await step(page, "Endpoint URL").click();
  await page.getByLabel("Intercom endpoint").selectOption({ label: "Bulk create contacts — POST /contacts/bulk" });
  await expect(page.getByRole("combobox", { name: "Endpoint URL" })).toHaveValue(/\/contacts\/bulk$/);
  await step(page, "Request headers").click();
  await expect(page.getByLabel("Intercom-Version")).toHaveValue("Preview");
  await step(page, "Exclude attributes").click();
  await page.getByLabel("Exclude an attribute").selectOption("internal_notes");
  await page.getByLabel("Exclude an attribute").selectOption("plan");
  // Unbatched, each request carries one record and the bulk endpoint warns about it.
  await expect(panel(page)).toContainText("3 requests from 3 sample records");
  await expect(firstRequest(page)).toContainText('expects the records in a "contacts" list');

  await step(page, "Record batching").click();
  await page.getByLabel("Send records in batches").check();
  await expect(page.getByLabel("Batch size")).toHaveValue("100");
  await page.getByLabel("Property inside a JSON object").check();
  await page.getByLabel("Property name").fill("contacts");
  await page.getByLabel("Other props (JSON object)").fill('{"source": "flowgate-e2e"}');
  await expect(panel(page)).toContainText("1 request from 3 sample records");
  const batched = firstRequest(page);
  await expect(batched).toContainText('"source": "flowgate-e2e"');
  await expect(batched).toContainText('"contacts": [');
  for (const email of ["ada@example.com", "alan@example.com", "grace@example.com"])
    await expect(batched).toContainText(email);
  await expect(batched).toContainText("3 records");
  await expect(batched.getByRole("list", { name: "Warnings" })).toHaveCount(0);

  await panel(page).getByRole("tab", { name: "Test" }).click();
  await panel(page).getByRole("button", { name: "Send Test Data" }).click();
  await expect(panel(page).getByTestId("test-status")).toHaveText(/HTTP 20\d/, { timeout: 30_000 });
  await expect(panel(page).getByLabel("Response body")).toContainText("contacts.bulk.job");

  // The code algorithm: Monaco opens with the starter template; the preview runs it in QuickJS.
  await panel(page).getByRole("tab", { name: "Preview" }).click();
  await page.getByRole("radio", { name: /^Code/ }).check();
  await fillMonaco(
    page,
    "Grouping code",
    '(records, context) => ({\n  contacts: records.map((r) => ({ ...r, role: "lead" })),\n  note: "batch " + context.batchIndex,\n})',
  );
  await expect(firstRequest(page)).toContainText('"role": "lead"', { timeout: 20_000 });
  await expect(firstRequest(page)).toContainText('"note": "batch 0"');
  await expect(firstRequest(page)).toContainText("grace@example.com");

  const before = (await sandboxRequests(app.appId)).filter((r) => r.path === "/contacts/bulk").length;
  await panel(page).getByRole("tab", { name: "Test" }).click();
  await panel(page).getByRole("button", { name: "Send Test Data" }).click();
  await expect(panel(page).getByTestId("test-status")).toHaveText(/HTTP 20\d/, { timeout: 30_000 });
  const bulkCalls = (await sandboxRequests(app.appId)).filter((r) => r.path === "/contacts/bulk");
  expect(bulkCalls).toHaveLength(before + 1);
});
