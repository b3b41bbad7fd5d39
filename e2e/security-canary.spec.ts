import { randomBytes } from "node:crypto";
import { expect, type Response, test } from "@playwright/test";
import { sandboxAdmin } from "./sandbox-admin";
import { createNexset, createSandboxCredential, openWizard, signUp } from "./wizard-helpers";

// Issue 7 item 2, the part only a browser can check: a token typed into the credential form never
// comes back — not in the server-rendered HTML of the pages that show credentials, not in the DOM
// after hydration, not in any API answer the pages fetch. Only its last four characters, masked.
// (API answers, logs, Redis and the database: test/security/canary.integration.test.ts.)

test("a planted Intercom token is never sent back to the browser", async ({ page }) => {
  const canary = `canary_${randomBytes(16).toString("hex")}`;
  await sandboxAdmin.createApp({ name: "E2E workspace", token: canary });

  await signUp(page);
  const nexsetId = await createNexset(page);
  await openWizard(page, nexsetId);
  await createSandboxCredential(page, canary);

  // From here on the browser only reads: every answer it gets is searched.
  const answers: string[] = [];
  const collect = (response: Response) => {
    if (
      response.request().resourceType() === "fetch" ||
      response.request().resourceType() === "document" ||
      response.request().resourceType() === "xhr"
    ) {
      answers.push(response.url());
      void response.text().then(
        (body) => answers.push(body),
        () => undefined,
      );
    }
  };
  page.on("response", collect);
  const masked = `••••${canary.slice(-4)}`;
  for (const path of ["/credentials", `/destinations/new?nexsetId=${nexsetId}`, "/flows", "/settings"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await page.content(), `DOM of ${path}`).not.toContain(canary.slice(0, 20));
    const html = await (await page.request.get(path)).text();
    expect(html, `server HTML of ${path}`).not.toContain(canary.slice(0, 20));
  }
  await page.goto("/credentials");
  await expect(page.getByText(masked).first()).toBeVisible();
  page.off("response", collect);
  expect(answers.length).toBeGreaterThan(4);
  expect(answers.filter((text) => text.includes(canary.slice(0, 20)))).toEqual([]);
});
