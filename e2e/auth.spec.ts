import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

// Each test seeds its own organisation by signing up through the UI, with an email unique to the run.
function newPerson() {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  return {
    organisationName: `E2E Co ${id}`,
    name: "Erin Tester",
    email: `erin+${id}@example.com`,
    password: "e2e password 2024",
  };
}

async function signUp(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto("/sign-up");
  await page.getByLabel("Company name").fill(person.organisationName);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create organisation" }).click();
}

test("a new user signs up, lands on the empty flows page, signs out and cannot get back in", async ({ page }) => {
  const person = newPerson();
  await signUp(page, person);

  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(person.organisationName);
  await expect(page.getByRole("link", { name: "Flows" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto("/flows");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fflows$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  // Signing in again returns to where they were headed.
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
});

test("signing up with a taken email shows the error on the email field", async ({ page, browser }) => {
  const person = newPerson();
  await signUp(page, person);
  await expect(page).toHaveURL(/\/flows$/);

  const stranger = await browser.newPage();
  await signUp(stranger, { ...newPerson(), email: person.email.toUpperCase() });
  await expect(stranger.getByText("An account with this email already exists")).toBeVisible();
  await expect(stranger.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(stranger).toHaveURL(/\/sign-up$/);
  await stranger.close();
});

test("the sign-up form explains a weak password before sending it", async ({ page }) => {
  await signUp(page, { ...newPerson(), password: "alllowercase" });
  await expect(page.getByText("Password must mix at least two of")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  const person = newPerson();
  await signUp(page, person);
  await expect(page).toHaveURL(/\/flows$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill("not my password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/invalid email or password/i)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("API keys: create one (shown once), see it listed, revoke it", async ({ page, request }) => {
  await signUp(page, newPerson());
  await expect(page).toHaveURL(/\/flows$/);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("New key name").fill("E2E key");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^fg_[0-9a-f]{8}_[0-9A-Za-z]{32}$/);

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).apiKey.name).toBe("E2E key");

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  const row = page.getByRole("row", { name: /E2E key/ });
  await expect(row).toContainText("Active");
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Revoke E2E key" }).click();
  await expect(row).toContainText("Revoked");
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
});
