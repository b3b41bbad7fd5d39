import { expect, test } from "@playwright/test";
import { sandboxAdmin } from "./sandbox-admin";
import {
  addSandboxConnection,
  createFlow,
  createSandboxApp,
  nextStep,
  node,
  nodeAction,
  SANDBOX_URL,
  sendToDestination,
  signUp,
  uploadFileSource,
} from "./flows-helpers";

const CONTACTS = Array.from(
  { length: 25 },
  (_, i) => `person${i}-${Date.now()}@example.com,Person ${i},crm-${Date.now()}-${i}`,
);

test("upload a CSV (a bad one is refused with its line), send it to “Create a contact”, activate, watch delivery reach 100%", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page);
  const app = await createSandboxApp("Upload workspace");
  await addSandboxConnection(page, app.token);
  const flowId = await createFlow(page, "CSV to Intercom");

  // A ragged row on line 3: refused with the line and the reason, and no source is left behind.
  const panel = await uploadFileSource(page, "broken.csv", "email,name\na@x.io,Ada\nb@x.io,Bo,EXTRA\n");
  await expect(panel.getByRole("alert")).toContainText("nothing of it was kept");
  await expect(panel.getByRole("alert")).toContainText(/line 3\b/);
  await expect(page.getByRole("group", { name: /^File upload source:/ })).toHaveCount(0);

  await panel.getByLabel("File", { exact: true }).setInputFiles({
    name: "contacts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,name,external_id\n${CONTACTS.join("\n")}\n`),
  });
  await panel.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(panel.getByRole("status")).toContainText("Added 25 records (CSV");
  await panel.getByRole("button", { name: "Done" }).click();
  await expect(node(page, "File upload source", "contacts.csv")).toContainText("25 records");
  await expect(node(page, "Nexset", "contacts.csv")).toContainText("3 attributes");

  await sendToDestination(page, "contacts.csv", flowId);
  await page.getByLabel("Intercom connection").selectOption({ index: 1 });
  await nextStep(page, "2. Method");
  await nextStep(page, "3. Content format");
  await nextStep(page, "4. Endpoint URL");
  await page.getByLabel("Intercom endpoint").selectOption({ label: "Create a contact — POST /contacts" });
  await expect(page.getByRole("combobox", { name: "Endpoint URL" })).toHaveValue(`${SANDBOX_URL}/contacts`);
  for (const title of [
    "5. Map fields",
    "6. Request headers",
    "7. Exclude attributes",
    "8. Record batching",
    "9. Response webhook",
    "10. Review",
  ])
    await nextStep(page, title);
  await page.getByLabel("Destination name").fill("Create contacts");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/\/destinations\/[^/]+\/edit\?saved=1$/);
  const destinationId = /\/destinations\/([^/]+)\/edit/.exec(page.url())![1]!;

  // Back on the canvas: the destination hangs off the Nexset; activate it from its menu.
  await page.goto(`/flows/${flowId}`);
  const destination = node(page, "Intercom destination", "Create contacts");
  await expect(destination).toContainText("Draft");
  await expect(destination).toContainText("POST");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await nodeAction(page, destination, "Create contacts", "Activate");
  await expect(destination).toContainText("Active");
  await expect(destination).toContainText("25 / 25 delivered", { timeout: 60_000 });

  // The destination page's progress bar (monitoring) shows the same.
  await nodeAction(page, destination, "Create contacts", "Open details");
  await expect(page).toHaveURL(new RegExp(`/destinations/${destinationId}$`));
  await expect(page.getByRole("progressbar", { name: "Records delivered" })).toHaveAttribute("aria-valuenow", "100", {
    timeout: 30_000,
  });
  const contacts = await sandboxAdmin.contacts<{ email: string }>(app.appId);
  expect(contacts.map((c) => c.email).sort()).toEqual(CONTACTS.map((line) => line.split(",")[0]).sort());

  // The flows list counts today's deliveries.
  await page.goto("/flows");
  const row = page.getByRole("row", { name: /CSV to Intercom/ });
  await expect(row).toContainText("Active");
  await expect(row.getByRole("cell").nth(4)).toHaveText("25");
});
