import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { sandboxAdmin } from "./sandbox-admin";

// Seeding for the monitoring specs: a person signs up through the UI like anyone would; the
// credential, the Nexset (a webhook source fed over HTTP) and the destination are then made through
// the public API with that person's session, as the wizard would make them.

import { SANDBOX_URL } from "./sandbox-admin";
export { SANDBOX_URL };

export function newPerson() {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  return {
    organisationName: `Monitor Co ${id}`,
    name: "Mona Tester",
    email: `mona+${id}@example.com`,
    password: "e2e password 2024",
  };
}

export async function signUp(page: Page): Promise<void> {
  const person = newPerson();
  await page.goto("/sign-up");
  await page.getByLabel("Company name").fill(person.organisationName);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/flows$/);
}

/** Calls our API with the page's session cookie (and its Origin, as the browser would send). */
export async function api<T>(page: Page, method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
  const request: APIRequestContext = page.request;
  const origin = new URL(page.url()).origin;
  const response = await request.fetch(path, {
    method,
    headers: { origin, "content-type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok(), `${method} ${path} → ${response.status()} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function createSandboxToken(): Promise<string> {
  return (await sandboxAdmin.createApp({ name: `Monitoring e2e ${randomBytes(3).toString("hex")}` })).token;
}

export async function createCredential(page: Page, token: string): Promise<string> {
  return (
    await api<{ id: string }>(page, "POST", "/api/v1/credentials", { name: "Sandbox app", region: "sandbox", token })
  ).id;
}

export type JsonRecord = Record<string, unknown>;

/** A webhook source whose Nexset holds `records`; returns the Nexset id and how to send it more. */
export async function createWebhookNexset(
  page: Page,
  records: JsonRecord[],
): Promise<{ nexsetId: string; send(more: JsonRecord[]): Promise<void> }> {
  const created = await api<{ nexsetId: string; webhook: { path: string } }>(page, "POST", "/api/v1/sources", {
    kind: "webhook",
    name: `Contacts ${randomBytes(2).toString("hex")}`,
  });
  const send = async (more: JsonRecord[]) => {
    const response = await page.request.post(created.webhook.path, { data: more });
    expect(response.ok(), `webhook → ${response.status()} ${await response.text()}`).toBe(true);
  };
  await send(records);
  return { nexsetId: created.nexsetId, send };
}

export function destinationInput(input: {
  name: string;
  nexsetId: string;
  credentialId: string;
  excludedAttributes?: string[];
  responseWebhook?: boolean;
}) {
  return {
    name: input.name,
    nexsetId: input.nexsetId,
    credentialId: input.credentialId,
    config: {
      method: "POST",
      format: "json",
      urlTemplate: `${SANDBOX_URL}/contacts`,
      intercomVersion: "2.14",
      excludedAttributes: input.excludedAttributes ?? [],
      responseWebhook: { enabled: input.responseWebhook ?? false },
    },
  };
}

export async function createDestination(page: Page, input: Parameters<typeof destinationInput>[0]): Promise<string> {
  return (await api<{ id: string }>(page, "POST", "/api/v1/destinations", destinationInput(input))).id;
}

export function contacts(count: number, tag = randomBytes(3).toString("hex")): JsonRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    email: `person${i}-${tag}@example.com`,
    name: `Person ${i}`,
    external_id: `ext-${tag}-${i}`,
  }));
}
