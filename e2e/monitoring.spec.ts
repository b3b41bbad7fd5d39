import { expect as baseExpect, test, type Page } from "@playwright/test";
import {
  api,
  contacts,
  createCredential,
  createDestination,
  createSandboxToken,
  createWebhookNexset,
  destinationInput,
  signUp,
} from "./monitoring-setup";

// The destination page as a person uses it: activate and watch delivery reach 100 %, read the
// activity log and a call's debug view, pause and resume, and deal with records Intercom refused.

// Every poll goes through the whole stack (web, worker, sandbox); on a busy machine an answer can
// take several seconds, so waits are generous. Nothing here sleeps for a fixed time except the
// check that a paused destination really holds its backlog.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const status = (page: Page) => page.getByTestId("destination-status");
const progressBar = (page: Page) => page.getByRole("progressbar", { name: "Records delivered" });
const callRows = (page: Page) => page.getByTestId("call-row");
const errorRows = (page: Page) => page.getByTestId("error-record-row");

test("activate delivers every record, the activity log shows each call, pause holds new records until resume", async ({
  page,
}) => {
  await signUp(page);
  const token = await createSandboxToken();
  const credentialId = await createCredential(page, token);
  const nexset = await createWebhookNexset(page, contacts(6));
  const destinationId = await createDestination(page, {
    name: "Contacts to Intercom",
    nexsetId: nexset.nexsetId,
    credentialId,
    responseWebhook: true,
  });
  const { responseSource } = await api<{ responseSource: { nexsetId: string } }>(
    page,
    "GET",
    `/api/v1/destinations/${destinationId}`,
  );

  await page.goto(`/destinations/${destinationId}`);
  await expect(page.getByRole("heading", { name: "Contacts to Intercom" })).toBeVisible();
  await expect(page.getByRole("link", { name: "response Nexset" })).toHaveAttribute(
    "href",
    `/nexsets/${responseSource.nexsetId}`,
  );
  await expect(status(page)).toHaveText(/Draft/);
  await expect(page.getByRole("link", { name: /Contacts / })).toHaveAttribute("href", `/nexsets/${nexset.nexsetId}`);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveAttribute("href", `/destinations/${destinationId}/edit`);
  await expect(page.getByTestId("activity-empty")).toBeVisible();

  await page.getByRole("button", { name: "Activate" }).click();
  await expect(status(page)).toHaveText(/Active/);
  await expect(progressBar(page)).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("progress-delivered")).toHaveText("6");
  await expect(page.getByTestId("progress-backlog")).toHaveText("0");
  await expect(callRows(page)).toHaveCount(6);
  for (const row of await callRows(page).all()) {
    await expect(row).toContainText("200");
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText(/POST .*\/contacts/);
  }
  await expect(page.getByTestId("timeline-totals")).toContainText("6 calls, 6 records — 2xx 6, 4xx 0");
  await expect(page.getByTestId("rate-limit-window")).not.toHaveText("0");

  // The debug view: the request as sent (token masked) beside Intercom's answer.
  await callRows(page).first().getByRole("button").click();
  const debug = page.getByRole("dialog");
  await expect(debug).toBeVisible();
  await expect(debug.getByRole("region", { name: "Input — request" })).toContainText("Bearer ••••");
  await expect(debug.getByRole("region", { name: "Input — request" })).toContainText("person5-");
  await expect(debug.getByRole("region", { name: "Output — response" })).toContainText('"type": "contact"');
  await expect(debug).not.toContainText(token);
  await debug.getByRole("button", { name: "Close" }).click();
  await expect(debug).toBeHidden();

  await page.getByLabel("Kind").selectOption("test");
  await expect(page.getByText("No calls match these filters.")).toBeVisible();
  await page.getByLabel("Kind").selectOption("");
  await expect(callRows(page)).toHaveCount(6);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(status(page)).toHaveText(/Paused/);
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  expect((await api<{ status: string }>(page, "GET", `/api/v1/destinations/${destinationId}/progress`)).status).toBe(
    "paused",
  );

  // Records that arrive while paused wait in the backlog.
  await nexset.send(contacts(2));
  await expect(page.getByTestId("progress-total")).toHaveText("8", { timeout: 60_000 });
  await page.waitForTimeout(3_000);
  await expect(page.getByTestId("progress-delivered")).toHaveText("6");
  await expect(page.getByTestId("progress-backlog")).toHaveText("2");

  await page.getByRole("button", { name: "Resume" }).click();
  await expect(status(page)).toHaveText(/Active/);
  await expect(page.getByTestId("progress-delivered")).toHaveText("8", { timeout: 60_000 });
  await expect(progressBar(page)).toHaveAttribute("aria-valuenow", "100");
  await expect(callRows(page)).toHaveCount(8);
});

test("records Intercom refuses become error records: replay one after a fix, discard the rest", async ({ page }) => {
  await signUp(page);
  const credentialId = await createCredential(page, await createSandboxToken());
  const refused = Array.from({ length: 3 }, (_, i) => ({
    email: `not-an-email-${i}`,
    external_id: `bad-${Date.now()}-${i}`,
  }));
  const nexset = await createWebhookNexset(page, refused);
  const destinationId = await createDestination(page, { name: "Bad emails", nexsetId: nexset.nexsetId, credentialId });

  await page.goto(`/destinations/${destinationId}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(errorRows(page)).toHaveCount(3, { timeout: 60_000 });
  await expect(errorRows(page).first()).toContainText("400");
  await expect(page.getByTestId("progress-error-records")).toHaveText("3");
  await expect(page.getByTestId("progress-delivered")).toHaveText("0");
  await expect(callRows(page).first()).toContainText("Error record");

  // The exchange is kept with the error record.
  await errorRows(page).first().getByText("Request and response").click();
  await expect(errorRows(page).first()).toContainText("Email address is invalid");

  // Fix the destination (stop sending the bad email) and replay the newest error record.
  await api(page, "PUT", `/api/v1/destinations/${destinationId}`, {
    ...destinationInput({ name: "Bad emails", nexsetId: nexset.nexsetId, credentialId, excludedAttributes: ["email"] }),
  });
  await errorRows(page)
    .first()
    .getByRole("button", { name: /Replay error record/ })
    .click();
  await expect(page.getByText("Replay queued for 1 error record")).toBeVisible();
  await expect(errorRows(page)).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId("progress-delivered")).toHaveText("1", { timeout: 60_000 });
  await page.getByLabel("Kind").selectOption("replay");
  await expect(callRows(page)).toHaveCount(1);
  await expect(callRows(page).first()).toContainText("200");
  await expect(callRows(page).first()).toContainText("v2");

  // Discard one, with confirmation (declining first changes nothing), then all.
  await errorRows(page).first().getByRole("checkbox").check();
  page.once("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("button", { name: "Discard selected (1)" }).click();
  await expect(errorRows(page)).toHaveCount(2);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Discard selected (1)" }).click();
  await expect(page.getByText("Discarded 1 error record.")).toBeVisible();
  await expect(errorRows(page)).toHaveCount(1);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Discard all" }).click();
  await expect(page.getByTestId("errors-empty")).toBeVisible();
  await expect(page.getByTestId("progress-error-records")).toHaveText("0");

  await page.getByLabel("Show").selectOption("discarded");
  await expect(errorRows(page)).toHaveCount(2);
  await page.getByLabel("Show").selectOption("replayed");
  await expect(errorRows(page)).toHaveCount(1);
});

test("another organisation's destination is not found, on the page and in the API", async ({ page, browser }) => {
  await signUp(page);
  const credentialId = await createCredential(page, await createSandboxToken());
  const nexset = await createWebhookNexset(page, contacts(1));
  const destinationId = await createDestination(page, { name: "Private", nexsetId: nexset.nexsetId, credentialId });

  const stranger = await browser.newPage();
  await signUp(stranger);
  await stranger.goto(`/destinations/${destinationId}`);
  await expect(stranger.getByRole("heading", { name: "Destination not found" })).toBeVisible();
  const response = await stranger.request.post(`/api/v1/destinations/${destinationId}/activate`, {
    headers: { origin: new URL(stranger.url()).origin },
  });
  expect(response.status()).toBe(404);
  await stranger.close();
  expect((await api<{ status: string }>(page, "GET", `/api/v1/destinations/${destinationId}/progress`)).status).toBe(
    "draft",
  );
});
