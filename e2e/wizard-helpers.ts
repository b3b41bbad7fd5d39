import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import { sandboxAdmin } from "./sandbox-admin";

// Shared steps of the wizard specs. Each test signs up its own organisation through the UI, gets a
// token from the Intercom sandbox's admin API, and makes its own Nexset through the public API
// (a webhook source, then records POSTed to its URL).

import { SANDBOX_URL } from "./sandbox-admin";
export { SANDBOX_URL };

export const SIGNUPS = [
  { email: "ada@example.com", name: "Ada Lovelace", external_id: "crm-1", plan: "pro", internal_notes: "met at conf" },
  { email: "alan@example.com", name: "Alan Turing", external_id: "crm-2", plan: "free", internal_notes: "call back" },
  { email: "grace@example.com", name: "Grace Hopper", external_id: "crm-3", plan: "pro", internal_notes: "vip" },
];

export async function signUp(page: Page): Promise<void> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  await page.goto("/sign-up");
  await page.getByLabel("Company name").fill(`Wizard Co ${id}`);
  await page.getByLabel("Your name").fill("Wendy Wizard");
  await page.getByLabel("Work email").fill(`wendy+${id}@example.com`);
  await page.getByLabel("Password").fill("wizard password 2024");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/flows$/);
}

export interface SandboxApp {
  appId: string;
  token: string;
}

/** A fresh Intercom app in the sandbox, through its admin API (not part of Intercom). */
export async function createSandboxApp(name = "E2E workspace"): Promise<SandboxApp> {
  return sandboxAdmin.createApp({ name });
}

/** What the sandbox received for this app (every method and path), for "nothing was sent" checks. */
export async function sandboxRequests(appId: string): Promise<{ method: string; path: string }[]> {
  return sandboxAdmin.requests({ appId });
}

export async function sandboxContacts(appId: string): Promise<{ id: string; email: string | null }[]> {
  return sandboxAdmin.contacts(appId);
}

/** A webhook source through the public API (as the signed-in user), fed with `records`. */
export async function createNexset(page: Page, records: readonly Record<string, unknown>[] = SIGNUPS): Promise<string> {
  const origin = new URL(page.url()).origin;
  const created = await page.request.post("/api/v1/sources", {
    headers: { origin },
    data: { kind: "webhook", name: "Signups" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { nexsetId, webhook } = (await created.json()) as { nexsetId: string; webhook: { path: string } };
  const posted = await page.request.post(webhook.path, { data: records });
  expect(posted.status(), await posted.text()).toBeLessThan(300);
  return nexsetId;
}

/** "Send to Destination" → choose Intercom → the wizard's first step. */
export async function openWizard(page: Page, nexsetId: string): Promise<void> {
  await page.goto(`/destinations/new?nexsetId=${nexsetId}`);
  await page.getByRole("link", { name: /Intercom/ }).click();
  await expect(page.getByRole("heading", { name: "1. Credential" })).toBeVisible();
}

export async function createSandboxCredential(page: Page, token: string): Promise<void> {
  const form = page.getByRole("group", { name: "New Intercom connection" });
  await form.getByLabel("Connection name").fill("Sandbox workspace");
  await form.getByLabel("Region").selectOption({ label: "Local sandbox" });
  await form.getByLabel("Access token").fill(token);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status")).toContainText("Connected to workspace E2E workspace", { timeout: 30_000 });
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(form).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByLabel("Intercom connection", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByText("••••" + token.slice(-4))).toBeVisible();
}

export function step(page: Page, title: string): Locator {
  return page.getByRole("navigation", { name: "Wizard steps" }).getByRole("button", { name: new RegExp(title) });
}

export function panel(page: Page): Locator {
  return page.getByRole("complementary", { name: "Sample Payload" });
}

/** The first sample request's expanded text (method, URL, headers, body). */
export function firstRequest(page: Page): Locator {
  return panel(page).getByTestId("sample-request").first();
}

/** Replaces a Monaco editor's text as a person would: focus it, select all, paste. */
export async function fillMonaco(page: Page, name: string, text: string): Promise<void> {
  const input = page.getByRole("textbox", { name }).first();
  const editor = page.locator(".monaco-editor", { has: input });
  // The editor (not just its hidden textarea) must show the new text; Monaco renders spaces as U+00A0.
  const squash = (value: string) => value.replace(/[\s\u00a0]+/g, "");
  await expect(input).toBeAttached({ timeout: 30_000 });
  // Retried: a paste that lands while the editor is still initialising its model is lost.
  await expect(async () => {
    await input.focus();
    await page.keyboard.press("ControlOrMeta+A");
    // A paste, not typing: typing through Monaco would auto-close brackets and re-indent lines.
    await input.evaluate((element, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await expect
      .poll(async () => squash(await editor.locator(".view-lines").innerText()), { timeout: 2_000 })
      .toBe(squash(text));
  }).toPass({ timeout: 30_000 });
}

/** The wizard's Next button (exact: the dev server adds a "Next.js Dev Tools" button). */
export async function nextStep(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Next", exact: true }).click();
}
