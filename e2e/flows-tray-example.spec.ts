import { expect, test } from "@playwright/test";
import {
  addSandboxConnection,
  createFlow,
  createSandboxApp,
  nextStep,
  node,
  nodeAction,
  openPalette,
  SANDBOX_URL,
  sandboxApi,
  sendToDestination,
  signUp,
} from "./flows-helpers";

// Tray's Intercom example, built on the canvas: list every contact of the workspace, then for each
// contact ask Intercom for its companies, and feed the answers back into the flow as records.

test("Intercom contacts → Nexset → GET /contacts/{id}/companies with a response webhook → the companies come back as records", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signUp(page);
  const app = await createSandboxApp("Tray workspace");
  const acme = await sandboxApi<{ id: string }>(request, app, "POST", "/companies", {
    company_id: "acme",
    name: "Acme Ltd",
  });
  const globex = await sandboxApi<{ id: string }>(request, app, "POST", "/companies", {
    company_id: "globex",
    name: "Globex Corporation",
  });
  const people: [string, { id: string }[]][] = [
    ["ada@example.com", [acme]],
    ["alan@example.com", [acme, globex]],
    ["grace@example.com", []],
  ];
  const expected = new Map<string, string[]>();
  for (const [email, companies] of people) {
    const contact = await sandboxApi<{ id: string }>(request, app, "POST", "/contacts", { role: "user", email });
    for (const company of companies)
      await sandboxApi(request, app, "POST", `/contacts/${contact.id}/companies`, { id: company.id });
    expected.set(contact.id, companies.map((c) => (c === acme ? "Acme Ltd" : "Globex Corporation")).sort());
  }
  await addSandboxConnection(page, app.token);
  const flowId = await createFlow(page, "Tray example");

  // An Intercom source listing contacts two per page (so pagination is walked), run once now.
  const panel = await openPalette(page, "Intercom");
  await panel.getByLabel("Source name").fill("Sandbox contacts");
  await panel.getByLabel("Intercom connection").selectOption({ index: 1 });
  await panel.getByLabel("Operation").selectOption({ label: "List contacts" });
  await panel.getByLabel("Records per page (per_page)").fill("2");
  await expect(panel.getByLabel("Run it once now")).toBeChecked();
  await panel.getByRole("button", { name: "Create Intercom source" }).click();
  await expect(panel).toBeHidden();
  await expect(node(page, "Intercom source", "Sandbox contacts")).toContainText("Last run succeeded, +3", {
    timeout: 60_000,
  });
  await expect(node(page, "Nexset", "Sandbox contacts")).toContainText("3 records");

  // The source page lists the run; its debug view shows each step's input and output (both pages were fetched).
  await node(page, "Intercom source", "Sandbox contacts").getByRole("link", { name: "Sandbox contacts" }).click();
  await expect(page.getByRole("heading", { name: "Sandbox contacts" })).toBeVisible();
  const run = page.getByRole("table", { name: "Runs" }).getByRole("row").nth(1);
  await expect(run).toContainText("succeeded");
  await expect(run).toContainText("3");
  await run.getByRole("button", { name: /^Debug run/ }).click();
  const steps = page.getByRole("list", { name: "Run steps" });
  await steps.getByText("Fetched every page").click();
  await expect(page.getByLabel("Output of Fetched every page")).toContainText('"pages": 2');
  await expect(page.getByLabel("Output of Fetched every page")).toContainText('"records": 3');

  // Its settings can be edited there: Intercom's per_page limit is checked, a good value is kept.
  const settings = page.getByRole("form", { name: "Intercom source settings" });
  await settings.getByLabel("Records per page (per_page)").fill("151");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("At most 150 per page (Intercom's limit)")).toBeVisible();
  await settings.getByLabel("Records per page (per_page)").fill("5");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Records per page (per_page)")).toHaveValue("5");
  await page.goBack();

  // Send each contact to GET /contacts/{id}/companies, with the response webhook on.
  await sendToDestination(page, "Sandbox contacts", flowId);
  await page.getByLabel("Intercom connection").selectOption({ index: 1 });
  await nextStep(page, "2. Method");
  await page.getByLabel("GET").check();
  await nextStep(page, "3. Content format");
  await nextStep(page, "4. Endpoint URL");
  await page
    .getByLabel("Intercom endpoint")
    .selectOption({ label: "List a contact's companies — GET /contacts/{contact_id}/companies" });
  await page.getByRole("combobox", { name: "Endpoint URL" }).fill(`${SANDBOX_URL}/contacts/{id}/companies`);
  for (const title of [
    "5. Map fields",
    "6. Request headers",
    "7. Exclude attributes",
    "8. Record batching",
    "9. Response webhook",
  ])
    await nextStep(page, title);
  await page.getByLabel("Send each API response to a new webhook source").check();
  await nextStep(page, "10. Review");
  await page.getByLabel("Destination name").fill("Companies of each contact");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/\/destinations\/[^/]+\/edit\?saved=1$/);

  // The canvas chains source → Nexset → destination → response webhook → its Nexset.
  await page.goto(`/flows/${flowId}`);
  const destination = node(page, "Intercom destination", "Companies of each contact");
  const responses = node(page, "Response webhook", "Companies of each contact responses");
  const responseNexset = node(page, "Nexset", "Companies of each contact responses");
  await expect(destination).toContainText("GET /contacts/{id}/companies");
  await expect(responses).toBeVisible();
  await expect(responseNexset).toContainText("0 records");
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  await nodeAction(page, destination, "Companies of each contact", "Activate");
  await expect(destination).toContainText("3 / 3 delivered", { timeout: 60_000 });
  await expect(responses).toContainText("3 responses", { timeout: 30_000 });
  await expect(responseNexset).toContainText("3 records");

  // The response Nexset holds each contact's companies; it can feed further destinations.
  await responseNexset.getByRole("link", { name: "Companies of each contact responses" }).click();
  await expect(page.getByRole("heading", { name: "Companies of each contact responses" })).toBeVisible();
  await expect(page.getByText(/Records come from the response webhook/)).toBeVisible();
  await page.getByText("Show 3 sample records").click();
  const samples = page.getByLabel("Sample records as JSON");
  await expect(samples).toContainText("Acme Ltd");
  await expect(samples).toContainText("Globex Corporation");
  await expect(page.getByRole("link", { name: "Send to Destination" })).toHaveAttribute(
    "href",
    new RegExp(`flowId=${flowId}`),
  );

  // Each response record is one contact's answer: its companies, by the contact in the request URL.
  const nexsetId = /\/nexsets\/([^/?]+)/.exec(page.url())![1]!;
  const { records } = (await (await page.request.get(`/api/v1/nexsets/${nexsetId}/records`)).json()) as {
    records: { data: { status: number; request: { url: string }; body: { data: { name: string }[] } } }[];
  };
  const actual = new Map(
    records.map(({ data }) => [
      /\/contacts\/([^/]+)\/companies$/.exec(data.request.url)![1]!,
      data.body.data.map((c) => c.name).sort(),
    ]),
  );
  expect(records.every(({ data }) => data.status === 200)).toBe(true);
  expect(actual).toEqual(expected);
});
