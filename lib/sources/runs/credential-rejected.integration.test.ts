import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replaceCredentialToken } from "@/lib/credentials/replace-token";
import { RECONNECT_PAUSE_MESSAGE } from "@/lib/delivery/needs-reconnect";
import { createIntercomSource } from "@/lib/sources/intercom/create-intercom-source";
import {
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  setupDeliveryFixture,
  waitFor,
  type DeliveryFixture,
} from "@/test/delivery/delivery-fixture";
import { SOURCE_RECONNECT_MESSAGE } from "./credential-rejected";
import { performSourceRun } from "./perform-source-run";
import { requestSourceRun } from "./request-source-run";

// Issue 16: a token revoked while a source run pages through Intercom marks the connection
// "needs reconnecting" (as deliveries do), fails the run with that reason and keeps no record.

let f: DeliveryFixture;
beforeAll(async () => {
  f = await setupDeliveryFixture();
});
afterAll(() => f.close());

async function addContact(token: string, email: string, name: string) {
  const response = await fetch(`${f.sandbox.url}/contacts`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ role: "user", email, name }),
  });
  expect(response.status).toBe(200);
}

describe("a source run whose token is revoked", () => {
  it("marks the connection needs reconnecting, pauses its destinations, keeps no records, and runs again on Reconnect", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f);
    for (const [email, name] of [
      ["ada@example.com", "Ada Lovelace"],
      ["grace@example.com", "Grace Hopper"],
      ["alan@example.com", ""],
      ["edsger@example.com", "Edsger Dijkstra"],
    ] as const)
      await addContact(token, email, name);
    const otherNexset = await createNexsetWithRecords(f, [{ email: "x@example.com" }]);
    const destinationId = await createDestination(f, { nexsetId: otherNexset, credentialId, status: "active" });
    const { sourceId, nexsetId } = await createIntercomSource(f.db, f.organisationId, {
      name: "Contacts, one per page",
      credentialId,
      operation: "list_contacts",
      perPage: 1,
    });
    // Slow pages, so the token is revoked after the first page and before the last.
    await f.sandbox.admin.setFaults({ appId, latencyMs: 400 });
    const { runId } = await requestSourceRun(f.db, f.organisationId, sourceId);
    const running = performSourceRun(f.db, runId);
    const listCalls = async () =>
      (await f.sandbox.admin.requests({ appId })).filter((r) => r.method === "GET" && r.path === "/contacts");
    await waitFor(listCalls, (calls) => calls.some((c) => c.status === 200), 10_000, "the first page");
    const revoked = await f.sandbox.admin.call("POST", "/tokens/revoke", { token });
    expect(revoked.status).toBe(200);

    expect(await running).toEqual({ status: "failed", error: SOURCE_RECONNECT_MESSAGE });
    // Pages came in before the 401 (a refused token's calls belong to no app, so they are not listed here).
    expect((await listCalls()).length).toBeGreaterThanOrEqual(1);
    expect(await f.db.nexsetRecord.count({ where: { nexsetId } })).toBe(0);
    expect(await f.db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      status: "error",
      statusMessage: SOURCE_RECONNECT_MESSAGE,
    });
    const credential = await f.db.credential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(credential.needsReconnectAt).not.toBeNull();
    expect(credential.needsReconnectReason).toContain("401");
    expect(await f.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({
      status: "paused",
      statusMessage: RECONNECT_PAUSE_MESSAGE,
    });

    // Reconnect (a new token for the same workspace): the source runs again and brings every contact.
    await f.sandbox.admin.setFaults({ appId, latencyMs: 0 });
    const app = f.sandbox.registry.byId(appId)!;
    await replaceCredentialToken(f.db, f.organisationId, credentialId, { token: f.sandbox.registry.grantToken(app) });
    const again = await f.db.sourceRun.findFirstOrThrow({ where: { sourceId, status: "queued" } });
    expect(JSON.stringify(again.steps)).toContain("reconnect");
    expect(await performSourceRun(f.db, again.id)).toEqual({ status: "succeeded", recordsAdded: 4 });
    expect(await f.db.nexsetRecord.count({ where: { nexsetId } })).toBe(4);
  });
});
