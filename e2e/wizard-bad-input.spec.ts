import { expect, type Page, test } from "@playwright/test";
import {
  createNexset,
  createSandboxApp,
  createSandboxCredential,
  fillMonaco,
  openWizard,
  panel,
  sandboxRequests,
  signUp,
  step,
} from "./wizard-helpers";

// Every bad setting is explained at its field, and neither Done nor Send Test Data gets past it:
// no destination is saved and the sandbox receives nothing but the credential checks (GET /me).

async function tryToSaveAndSend(page: Page, fieldError: ReturnType<Page["getByText"]>): Promise<void> {
  // The Review step must show before Done is looked for: a click on a step was once lost while the
  // page re-rendered (the Review button focused, the step unchanged, the test waiting out its 4 minutes).
  await expect(async () => {
    await step(page, "Review").click();
    await expect(page.getByRole("heading", { name: "10. Review" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("button", { name: "Done" }).click();
  await expect(fieldError).toBeVisible();
  await panel(page).getByRole("tab", { name: "Test" }).click();
  const send = panel(page).getByRole("button", { name: "Send Test Data" });
  if (await send.isEnabled()) {
    await send.click();
    await expect(panel(page).getByRole("alert").filter({ hasText: "Nothing was sent" })).toBeVisible();
  }
  await panel(page).getByRole("tab", { name: "Preview" }).click();
}

test("bad input shows a clear message at its field, and nothing is saved or sent", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page);
  const app = await createSandboxApp();
  const nexsetId = await createNexset(page);
  await openWizard(page, nexsetId);
  await createSandboxCredential(page, app.token);

  // A URL on a host that is not the credential's.
  await step(page, "Endpoint URL").click();
  const url = page.getByRole("combobox", { name: "Endpoint URL" });
  await url.fill("https://evil.example.com/contacts");
  await url.blur();
  const hostError = page
    .getByText(/evil\.example\.com is not your credential's Intercom host \(127\.0\.0\.1:\d+\)/)
    .first();
  await expect(hostError).toBeVisible();
  await tryToSaveAndSend(page, hostError);
  await expect(page.getByRole("heading", { name: "4. Endpoint URL" })).toBeVisible();
  // The autocomplete offers the Nexset's attributes after "{"; then a valid URL clears the error.
  await page.getByLabel("Intercom endpoint").selectOption({ label: "Create a contact — POST /contacts" });
  await expect(hostError).toHaveCount(0);
  await url.press("End");
  await url.pressSequentially("?ref={ext");
  await page.getByRole("listbox", { name: "Nexset attributes" }).getByRole("option", { name: "{external_id}" }).click();
  await expect(url).toHaveValue(/\/contacts\?ref=\{external_id\}$/);
  await expect(panel(page).getByTestId("sample-request").first()).toContainText("/contacts?ref=crm-1");
  await url.fill((await url.inputValue()).replace(/\?ref=.*$/, ""));

  // An Authorization header.
  await step(page, "Request headers").click();
  const headers = page.getByRole("textbox", { name: "Request headers" });
  await headers.fill("X-Ok:yes,Authorization:Bearer stolen");
  await headers.blur();
  const authError = page.getByText("Header 2: Authorization is added from the credential; remove it here").first();
  await expect(authError).toBeVisible();
  await tryToSaveAndSend(page, authError);
  await step(page, "Request headers").click();
  await headers.fill("X-Ok:yes");
  await expect(authError).toHaveCount(0);

  // Batch sizes out of range.
  await step(page, "Record batching").click();
  await page.getByLabel("Send records in batches").check();
  const size = page.getByLabel("Batch size");
  for (const [value, message] of [
    ["0", "Batch size must be at least 1"],
    ["100001", "Batch size can be at most 10,000"],
  ] as const) {
    await size.fill(value);
    await size.blur();
    const sizeError = page.getByText(message).first();
    await expect(sizeError).toBeVisible();
    await tryToSaveAndSend(page, sizeError);
    await step(page, "Record batching").click();
  }
  await size.fill("100");

  // Other props that are not JSON.
  await page.getByLabel("Property inside a JSON object").check();
  await page.getByLabel("Property name").fill("contacts");
  const otherProps = page.getByLabel("Other props (JSON object)");
  await otherProps.fill("{source: flowgate");
  await otherProps.blur();
  const jsonError = page.getByText(/^Other props is not valid JSON/).first();
  await expect(jsonError).toBeVisible();
  await tryToSaveAndSend(page, jsonError);
  await step(page, "Record batching").click();
  await otherProps.fill("");

  // Code that throws, and code that never ends: the sandbox stops both, with the reason.
  await page.getByRole("radio", { name: /^Code/ }).check();
  await fillMonaco(
    page,
    "Grouping code",
    '(records) => {\n  const first = records[0];\n  throw new Error("no batch for " + first.email);\n}',
  );
  const throwError = page.getByText("The grouping code failed: Line 3: Error: no batch for ada@example.com").first();
  await expect(throwError).toBeVisible({ timeout: 20_000 });
  await tryToSaveAndSend(page, throwError);
  await step(page, "Record batching").click();
  await fillMonaco(page, "Grouping code", "(records) => {\n  while (true) {}\n}");
  const loopError = page.getByText(/The grouping code failed: .*ran longer than 1000 ms/).first();
  await expect(loopError).toBeVisible({ timeout: 20_000 });
  await tryToSaveAndSend(page, loopError);

  const saved = await (await page.request.get(`/api/v1/destinations?nexsetId=${nexsetId}`)).json();
  expect(saved.destinations).toEqual([]);
  const sent = (await sandboxRequests(app.appId)).map((r) => `${r.method} ${r.path}`);
  expect(sent.filter((line) => line !== "GET /me")).toEqual([]);
});
