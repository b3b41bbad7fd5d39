import { describe, expect, it } from "vitest";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import {
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

describe("delivery meeting a 403", () => {
  it("keeps the records as error records that name the permission the connection lacks", async () => {
    const { credentialId, appId } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    // The sandbox answers every call 403 in Intercom's error.list form, as for an app without the permission.
    f.sandbox.setFaults({ appId, errorRate: 1, errorStatus: 403 });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(3));
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(hooks.progressOf(destinationId), (p) => p.processed === 3, 30_000, "3 records refused");

    const errors = await f.db.errorRecord.findMany({ where: { destinationId } });
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.responseStatus).toBe(403);
      expect(error.reason).toContain(
        "Intercom refused: this connection lacks the 'Write users and companies' permission needed by Create a contact",
      );
    }
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(0);
  });
});
