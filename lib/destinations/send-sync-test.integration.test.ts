import { describe, expect, it } from "vitest";
import {
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
} from "@/test/delivery/delivery-fixture";
import { sendDestinationTest } from "./send-test";

// Send Test of a sync operation runs the record's whole sequence, as the worker would, and shows
// (and records) every call with its answer.

let f: DeliveryFixture;
deliveryTestLifecycle((fixture) => (f = fixture));

describe("Send Test of “Create or update a contact”", () => {
  it("creates on the first test, then shows POST → 409 and PUT on the second; each call in the activity log", async () => {
    const { credentialId, appId } = await createSandboxCredential(f);
    const nexsetId = await createNexsetWithRecords(f, [
      { external_id: "crm-1", email: "ann@example.com", name: "Ann" },
    ]);
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { endpointId: "sync.contacts.upsert", urlTemplate: "/contacts" },
    });
    const first = await sendDestinationTest(f.db, f.organisationId, destinationId, {});
    expect(first.recordOutcome).toBe("created");
    expect(first.sequence?.map((c) => `${c.method} ${c.status}`)).toEqual(["POST 200"]);

    const edited = JSON.stringify({ external_id: "crm-1", email: "ann@example.com", name: "Ann B" });
    const second = await sendDestinationTest(f.db, f.organisationId, destinationId, { body: edited });
    expect(second.recordOutcome).toBe("updated");
    expect(second.sequence?.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.status}`)).toEqual([
      "POST /contacts 409",
      `PUT /contacts/${(first.body as { id: string }).id} 200`,
    ]);
    expect(second.sequence?.[1]?.requestBody).toBe(edited);
    expect(
      f.sandbox.registry
        .byId(appId)!
        .data.contacts.all()
        .map((c) => c.name),
    ).toEqual(["Ann B"]);

    const calls = await f.db.deliveryCall.findMany({ where: { destinationId }, orderBy: { id: "asc" } });
    expect(calls.map((c) => [c.kind, c.syncStep, c.recordOutcome, c.firstSeq])).toEqual([
      ["test", "create", "created", 1],
      ["test", "create", null, 1],
      ["test", "update", "updated", 1],
    ]);
  });

  it("refuses a record without its identifier, sending nothing", async () => {
    const { credentialId, appId } = await createSandboxCredential(f);
    const nexsetId = await createNexsetWithRecords(f, [{ email: "", name: "No email" }]);
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: { endpointId: "sync.contacts.update", urlTemplate: "/contacts", syncIdentifier: "email" },
    });
    await expect(sendDestinationTest(f.db, f.organisationId, destinationId, {})).rejects.toMatchObject({
      message: "The record has no email (missing or empty): nothing was sent",
    });
    expect(f.sandbox.requests(appId)).toHaveLength(0);
  });
});
