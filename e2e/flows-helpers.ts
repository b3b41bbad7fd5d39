import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { sandboxAdmin } from "./sandbox-admin";

// Steps the flow-builder specs share. Each test signs up its own organisation through the UI and
// builds its flow on the canvas as a person would.

import { SANDBOX_URL } from "./sandbox-admin";
export { SANDBOX_URL };

export async function signUp(page: Page): Promise<void> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  await page.goto("/sign-up");
  await page.getByLabel("Company name").fill(`Flow Co ${id}`);
  await page.getByLabel("Your name").fill("Flo Builder");
  await page.getByLabel("Work email").fill(`flo+${id}@example.com`);
  await page.getByLabel("Password").fill("flows password 2024");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/flows$/);
}

/** Names a new flow on the flows page and lands on its (empty) canvas; returns its id. */
export async function createFlow(page: Page, name: string): Promise<string> {
  await page.goto("/flows");
  await page.getByLabel("New flow name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/flows\/([^/?]+)/.exec(page.url())![1]!;
}

/** A node on the canvas, by what it is and its name (e.g. "Nexset", "contacts.csv"). */
export function node(page: Page, title: string, name: string): Locator {
  return page.getByRole("group", { name: `${title}: ${name}` });
}

export async function openPalette(page: Page, kind: "File upload" | "Webhook" | "Intercom"): Promise<Locator> {
  await page
    .getByRole("complementary", { name: "Add a source" })
    .getByRole("button", { name: new RegExp(`^${kind}`) })
    .click();
  return page.getByRole("dialog", { name: new RegExp(`New ${kind.toLowerCase()} source`) });
}

export async function uploadFileSource(page: Page, fileName: string, content: string): Promise<Locator> {
  const panel = await openPalette(page, "File upload");
  await panel
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(content) });
  await panel.getByRole("button", { name: "Upload", exact: true }).click();
  return panel;
}

export interface SandboxApp {
  appId: string;
  token: string;
}

export async function createSandboxApp(name = "E2E workspace"): Promise<SandboxApp> {
  return sandboxAdmin.createApp({ name });
}

/** Calls the sandbox's Intercom API as the app (what a person's real Intercom workspace would hold). */
export async function sandboxApi<T>(
  request: APIRequestContext,
  app: SandboxApp,
  method: "GET" | "POST",
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await request.fetch(`${SANDBOX_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${app.token}`, "intercom-version": "2.14", accept: "application/json" },
    data,
  });
  expect(response.ok(), `${method} ${path} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A connection to the sandbox app, made on the Credentials page. */
export async function addSandboxConnection(page: Page, token: string, name = "Sandbox workspace"): Promise<void> {
  await page.goto("/credentials");
  const form = page.getByRole("group", { name: "New Intercom connection" });
  await form.getByLabel("Connection name").fill(name);
  await form.getByLabel("Region").selectOption({ label: "Local sandbox" });
  await form.getByLabel("Access token").fill(token);
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved “${name}”` })).toBeVisible();
}

/** On a Nexset node: "+" → Send to Destination → the Intercom connector → the wizard's first step. */
export async function sendToDestination(page: Page, nexsetName: string, flowId: string): Promise<void> {
  await page.getByRole("button", { name: `Add after ${nexsetName}` }).click();
  await page.getByRole("menuitem", { name: "Send to Destination" }).click();
  await expect(page).toHaveURL(new RegExp(`/destinations/new\\?nexsetId=[^&]+&flowId=${flowId}$`));
  await page.getByRole("link", { name: /Intercom/ }).click();
  await expect(page.getByRole("heading", { name: "1. Credential" })).toBeVisible();
}

export async function nextStep(page: Page, expected: string): Promise<void> {
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: expected })).toBeVisible();
}

/** From a node's "⋯" menu. */
export async function nodeAction(page: Page, target: Locator, name: string, action: string): Promise<void> {
  await target.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

/** Our API with the page's session (and its Origin, as the browser sends it). */
export async function api<T>(
  page: Page,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(path, {
    method,
    headers: { origin, "content-type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok(), `${method} ${path} → ${response.status()} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Accepts the next confirm() and hands back its message. */
export function acceptNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    });
  });
}
