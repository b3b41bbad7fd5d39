import { expect, test } from "@playwright/test";
import { createFlow, node, openPalette, signUp } from "./flows-helpers";

test("a webhook source: its URL is shown once, curl-equivalent POSTs add records, a wrong token is refused", async ({
  page,
  request,
}) => {
  await signUp(page);
  await createFlow(page, "Webhook intake");
  const panel = await openPalette(page, "Webhook");
  await panel.getByLabel("Source name").fill("Signup form");
  await panel.getByRole("button", { name: "Create webhook" }).click();
  const url = await panel.getByRole("textbox", { name: "Webhook URL" }).inputValue();
  expect(url).toMatch(/^http:\/\/[^/]+\/api\/webhooks\/whk_[A-Za-z0-9_-]{43}$/);
  await expect(panel.getByRole("textbox", { name: "Example request" })).toHaveValue(
    new RegExp(`curl -X POST '${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'`),
  );

  // What `curl -X POST <url> -H 'content-type: application/json' -d …` sends.
  const batch = await request.post(url, {
    data: [
      { email: "ada@example.com", name: "Ada" },
      { email: "alan@example.com", name: "Alan" },
    ],
  });
  expect(batch.status()).toBe(200);
  expect(await batch.json()).toEqual({ added: 2, firstSeq: 1, lastSeq: 2 });
  const single = await request.post(url, { data: { email: "grace@example.com", name: "Grace" } });
  expect(await single.json()).toEqual({ added: 1, firstSeq: 3, lastSeq: 3 });

  const wrongToken = await request.post(url.replace(/whk_.+$/, `whk_${"x".repeat(43)}`), {
    data: { email: "eve@example.com" },
  });
  expect(wrongToken.status()).toBe(401);
  expect((await wrongToken.json()).error.message).toBe("Unknown webhook URL");
  const notJson = await request.post(url, { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(notJson.status()).toBe(400);

  await panel.getByRole("button", { name: "Done" }).click();
  await expect(node(page, "Webhook source", "Signup form")).toContainText("3 records");
  await expect(node(page, "Nexset", "Signup form")).toContainText("3 records");

  // The source page: the URL is masked now, with a curl example and the latest records first.
  await node(page, "Webhook source", "Signup form").getByRole("link", { name: "Signup form" }).click();
  await expect(page.getByRole("heading", { name: "Signup form" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Webhook URL (token hidden)" })).toHaveValue(/whk_•+$/);
  await expect(page.locator("body")).not.toContainText(url.split("/").pop()!);
  const latest = page.getByRole("table", { name: "Latest records" });
  await expect(latest.getByRole("row").nth(1)).toContainText("grace@example.com");
  await expect(latest).toContainText("ada@example.com");

  // Rotating gives a new URL (shown once); the old one stops working.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Rotate URL" }).click();
  const rotated = await page.getByRole("textbox", { name: "Webhook URL", exact: true }).inputValue();
  expect(rotated).not.toBe(url);
  expect((await request.post(url, { data: { email: "late@example.com" } })).status()).toBe(401);
  expect((await request.post(rotated, { data: { email: "late@example.com" } })).status()).toBe(200);
  await expect(latest.getByRole("row").nth(1)).toContainText("late@example.com");
});
