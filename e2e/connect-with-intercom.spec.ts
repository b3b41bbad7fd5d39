import { expect, test } from "@playwright/test";
import { createNexset, createSandboxApp, openWizard, SANDBOX_URL, signUp } from "./wizard-helpers";

// Connect with Intercom from the wizard's credential step, against the sandbox's consent page and
// the demo OAuth app `npm start` / `npm test` configure for the sandbox region.

test("Connect with Intercom from the wizard comes back with the new connection selected", async ({ page }) => {
  await signUp(page);
  const workspace = `OAuth workspace ${Date.now().toString(36)}`;
  await createSandboxApp(workspace);
  const nexsetId = await createNexset(page);
  await openWizard(page, nexsetId);
  // Unsaved work in a later step, which must survive the trip to Intercom and back.
  await page.getByRole("button", { name: "4 Endpoint URL" }).click();
  await page.getByRole("combobox", { name: "Endpoint URL" }).fill("/contacts");
  await page.getByRole("button", { name: "1 Credential" }).click();

  await page.getByRole("button", { name: "Connect with Intercom" }).click();
  const form = page.getByRole("group", { name: "Connect with Intercom" });
  await form.getByLabel("Connection name").fill("Support via OAuth");
  await form.getByLabel("Region").selectOption({ label: "Local sandbox" });
  await form.getByLabel(/Personal/).check();
  await form.getByRole("button", { name: "Connect with Intercom" }).click();

  await expect(page.getByRole("heading", { name: /would like to access your Intercom data/ })).toBeVisible();
  await expect(page.getByText("Read and list users and companies")).toBeVisible();
  await page.getByLabel("Workspace").selectOption({ label: workspace });
  await page.getByRole("button", { name: "Authorize access" }).click();

  await expect(page).toHaveURL(/\/destinations\/new\?nexsetId=/);
  await expect(page.getByRole("heading", { name: "1. Credential" })).toBeVisible();
  await expect(page.getByText("Connected to Intercom; the new connection is selected.")).toBeVisible();
  const picker = page.getByLabel("Intercom connection");
  await expect(picker.locator("option:checked")).toHaveText(/Support via OAuth/);
  await expect(page.getByRole("definition").filter({ hasText: workspace })).toBeVisible();
  await expect(page).not.toHaveURL(/connected=/);
  await page.getByRole("button", { name: "4 Endpoint URL" }).click();
  await expect(page.getByRole("combobox", { name: "Endpoint URL" })).toHaveValue("/contacts");
});

test("a cancelled consent comes back with the reason and no connection", async ({ page }) => {
  await signUp(page);
  // The consent page needs a workspace to offer; specs run in parallel, so this one makes its own.
  await createSandboxApp(`Cancelled workspace ${Date.now().toString(36)}`);
  await page.goto("/credentials");
  const form = page.getByRole("group", { name: "Connect with Intercom" });
  await form.getByLabel("Connection name").fill("Never saved");
  await form.getByRole("button", { name: "Connect with Intercom" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/credentials/);
  await expect(page.getByText("Access was not authorized in Intercom")).toBeVisible();
  await expect(page.getByText("Never saved")).toHaveCount(0);
});

test("Try a request GET /contacts?per_page=2 on a connection's page shows Intercom's answer", async ({
  page,
  request,
}) => {
  await signUp(page);
  const app = await createSandboxApp(`Try workspace ${Date.now().toString(36)}`);
  for (const email of ["ada@example.com", "alan@example.com", "grace@example.com"]) {
    const created = await request.post(`${SANDBOX_URL}/contacts`, {
      headers: { authorization: `Bearer ${app.token}` },
      data: { email },
    });
    expect(created.status()).toBe(200);
  }
  await page.goto("/credentials");
  const form = page.getByRole("group", { name: "New Intercom connection" });
  await form.getByLabel("Connection name").fill("Sandbox workspace");
  await form.getByLabel("Region").selectOption({ label: "Local sandbox" });
  await form.getByLabel("Access token").fill(app.token);
  await form.getByRole("button", { name: "Save connection" }).click();
  await page.getByRole("link", { name: "Sandbox workspace" }).click();
  await expect(page.getByRole("heading", { name: "Try a request" })).toBeVisible();

  await page.getByLabel("Path").fill("/contacts");
  await page.getByRole("button", { name: "+ Add parameter" }).click();
  await page.getByLabel("Query parameters 1 name").fill("per_page");
  await page.getByLabel("Query parameters 1 value").fill("2");
  await page.getByRole("button", { name: "Send request" }).click();

  const answer = page.getByRole("group", { name: "Latest answer" });
  await expect(answer).toContainText("200");
  await expect(answer).toContainText("/contacts?per_page=2");
  await expect(answer).toContainText(/x-ratelimit-remaining/i);
  await expect(answer.locator("pre")).toContainText('"total_count": 3');

  await page.getByRole("button", { name: "+ Add header" }).click();
  await page.getByLabel("Headers 1 name").fill("Authorization");
  await page.getByLabel("Headers 1 value").fill("Bearer stolen");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Authorization can't be set here")).toBeVisible();
});
