import { expect, test } from "@playwright/test";
import {
  acceptNextDialog,
  api,
  createFlow,
  createSandboxApp,
  node,
  nodeAction,
  openPalette,
  SANDBOX_URL,
  signUp,
} from "./flows-helpers";

interface Graph {
  definition: { nodes: { id: string; position: { x: number; y: number } }[] };
}

test("arrange the canvas (the layout persists), rename the flow, delete nodes and the flow with honest confirmations", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signUp(page);
  const flowId = await createFlow(page, "Canvas basics");
  const panel = await openPalette(page, "Webhook");
  await panel.getByLabel("Source name").fill("Hook");
  await panel.getByRole("button", { name: "Create webhook" }).click();
  const url = await panel.getByRole("textbox", { name: "Webhook URL" }).inputValue();
  expect((await request.post(url, { data: [{ email: "a@example.com" }, { email: "b@example.com" }] })).status()).toBe(
    200,
  );
  await panel.getByRole("button", { name: "Done" }).click();
  const nexset = node(page, "Nexset", "Hook");
  await expect(nexset).toContainText("2 records");

  // Drag the Nexset by its header: the new position is saved in the flow definition and survives a reload.
  const nodeId = (await nexset.getAttribute("data-node-id"))!;
  const header = nexset.getByText("Nexset", { exact: true });
  const box = (await header.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 140, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByText("Layout saved.")).toBeVisible();
  const saved = (await api<Graph>(page, "GET", `/api/v1/flows/${flowId}`)).definition.nodes.find(
    (n) => n.id === nodeId,
  )!;
  expect(saved.position.y).toBeGreaterThan(60);
  await page.reload();
  await expect(page.locator(`.react-flow__node[data-id="${nodeId}"]`)).toHaveAttribute(
    "style",
    new RegExp(`translate\\(${saved.position.x}px, ${saved.position.y}px\\)`),
  );

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Flow name").fill("Canvas renamed");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Canvas renamed" })).toBeVisible();

  // A draft destination on the Nexset (made through the API, as the wizard would): its delete warns of 2 undelivered records.
  const app = await createSandboxApp("Canvas workspace");
  const credential = await api<{ id: string }>(page, "POST", "/api/v1/credentials", {
    name: "Sandbox",
    region: "sandbox",
    token: app.token,
  });
  const nexsetRef = nodeId.split(":")[1]!;
  const config = {
    method: "POST",
    format: "json",
    urlTemplate: `${SANDBOX_URL}/contacts`,
    intercomVersion: "2.14",
    excludedAttributes: [],
  };
  await api(page, "POST", "/api/v1/destinations", {
    name: "To contacts",
    nexsetId: nexsetRef,
    credentialId: credential.id,
    flowId,
    config,
  });
  const destination = node(page, "Intercom destination", "To contacts");
  await expect(destination).toContainText("0 / 2 delivered");
  let message = acceptNextDialog(page);
  await nodeAction(page, destination, "To contacts", "Delete");
  expect(await message).toBe(
    "Delete the destination “To contacts”? It has 2 undelivered records, which will not be delivered.",
  );
  await expect(destination).toHaveCount(0);

  message = acceptNextDialog(page);
  await nodeAction(page, node(page, "Webhook source", "Hook"), "Hook", "Delete");
  expect(await message).toBe("Delete the source “Hook” and its 2 records?");
  await expect(page.getByText("This flow is empty.")).toBeVisible();
  expect((await request.post(url, { data: { email: "c@example.com" } })).status()).toBe(401);

  await page.getByRole("link", { name: "Flows", exact: true }).first().click();
  const row = page.getByRole("row", { name: /Canvas renamed/ });
  await expect(row).toContainText("Empty");
  message = acceptNextDialog(page);
  await row.getByRole("button", { name: "Delete Canvas renamed" }).click();
  expect(await message).toBe("Delete the flow “Canvas renamed” with its 0 sources and 0 destinations?");
  await expect(page.getByRole("heading", { name: "No flows yet" })).toBeVisible();
});
