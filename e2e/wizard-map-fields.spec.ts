import { expect, test } from "@playwright/test";
import { sandboxAdmin } from "./sandbox-admin";
import { createSandboxCredential, firstRequest, nextStep, openWizard, panel, signUp } from "./wizard-helpers";

// A flat CRM export (not pre-shaped), uploaded as a CSV, mapped to "Create a contact" without a
// click, an undefined custom attribute created from the step, then a test sent to the sandbox.

const CSV = [
  "email,full_name,plan,seats,signup_date",
  "ada@example.com,Ada Lovelace,pro,12,2024-03-01",
  "alan@example.com,Alan Turing,free,,2024-03-02T09:30:00Z",
  "grace@example.com,Grace Hopper,pro,3,2024-03-03",
].join("\n");

test("Map fields: default rows, a missing data attribute created in Intercom, a template, Send Test", async ({
  page,
}) => {
  await signUp(page);
  // The workspace defines "plan" but not "seats", as a real one might.
  const app = await sandboxAdmin.createApp({
    name: "E2E workspace",
    dataAttributes: [{ name: "plan", model: "contact", dataType: "string" }],
  });
  const origin = new URL(page.url()).origin;
  const upload = await page.request.post("/api/v1/sources/upload?fileName=crm-export.csv", {
    headers: { origin, "content-type": "text/csv" },
    data: CSV,
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const { nexsetId } = (await upload.json()) as { nexsetId: string };

  await openWizard(page, nexsetId);
  await createSandboxCredential(page, app.token);
  await nextStep(page);
  await nextStep(page);
  await nextStep(page);
  await page.getByLabel("Intercom endpoint").selectOption({ label: "Create a contact — POST /contacts" });
  await nextStep(page);

  // The default mapping, with no click: fields by name, the defined custom attribute, and why.
  await expect(page.getByRole("heading", { name: "5. Map fields" })).toBeVisible();
  const target = (row: number) => page.getByLabel(`Target of row ${row}`, { exact: true });
  await expect(target(1)).toHaveValue("email");
  await expect(target(2)).toHaveValue("name");
  await expect(page.getByText('Matched: "full_name" contains "name" (no closer attribute)')).toBeVisible();
  await expect(target(3)).toHaveValue("custom_attributes.plan");
  await expect(target(4)).toHaveValue("signed_up_at");
  await expect(page.getByRole("status").filter({ hasText: "Not sent" })).toContainText("“seats”");
  await expect(firstRequest(page)).toContainText('"signed_up_at": 1709251200');
  await expect(firstRequest(page)).toContainText('"plan": "pro"');

  // Sending seats needs a data attribute the workspace lacks: warned, then created from here.
  await page.getByRole("button", { name: "Add a row" }).click();
  await target(5).fill("custom_attributes.seats");
  await page.getByLabel("Source of row 5", { exact: true }).fill("seats");
  await page.getByLabel("Convert row 5 to").selectOption("integer");
  const missing = page.getByRole("status").filter({ hasText: 'no contact data attribute "seats"' });
  await expect(missing).toBeVisible();
  await missing.getByRole("button", { name: "Create in Intercom" }).click();
  await expect(page.getByLabel("Attribute type")).toHaveValue("integer");
  await page.getByRole("button", { name: "Create contact attribute" }).click();
  await expect(missing).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Not sent" })).toHaveCount(0);
  await expect(firstRequest(page)).toContainText('"seats": 12');

  // A template in one row: the panel follows.
  await page.getByLabel("Source kind of row 2").selectOption("template");
  await page.getByLabel("Source of row 2", { exact: true }).fill("{full_name} ({plan})");
  await expect(firstRequest(page)).toContainText('"name": "Ada Lovelace (pro)"');

  // Send Test with the first sample: the sandbox contact carries the mapped fields.
  await panel(page).getByRole("tab", { name: "Test" }).click();
  await panel(page).getByRole("button", { name: "Send Test Data" }).click();
  await expect(panel(page).getByTestId("test-result").getByTestId("test-status")).toHaveText("HTTP 200", {
    timeout: 30_000,
  });
  const contacts = await sandboxAdmin.contacts<{
    email: string;
    name: string;
    signed_up_at: number;
    custom_attributes: Record<string, unknown>;
  }>(app.appId);
  expect(contacts).toEqual([
    expect.objectContaining({
      email: "ada@example.com",
      name: "Ada Lovelace (pro)",
      signed_up_at: 1709251200,
      custom_attributes: { plan: "pro", seats: 12 },
    }),
  ]);
});
