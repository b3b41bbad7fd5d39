import { describe, expect, it } from "vitest";
import { getDestinationOverview } from "@/lib/delivery/monitoring/get-destination-overview";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { sendDestinationTest } from "@/lib/destinations/send-test";
import {
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { createOAuthConnection } from "@/test/delivery/oauth-connection";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

const MISSING_WRITE =
  "Intercom refused: this connection lacks the 'Write users and companies' permission needed by Create a contact";

describe("a connection whose OAuth app lacks a permission", () => {
  it("keeps Create a contact's records as error records naming it, and Send Test names it too", async () => {
    // A real 403 from the sandbox: the token was issued through an app without "Write users and companies".
    const { credentialId, appId } = await createOAuthConnection(f, {
      permissions: ["Read and list users and companies"],
    });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(3));
    const destinationId = await createDestination(f, { nexsetId, credentialId });

    const tested = await sendDestinationTest(f.db, f.organisationId, destinationId, {});
    expect(tested.status).toBe(403);
    expect(tested.errorMessage).toContain(MISSING_WRITE);

    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(hooks.progressOf(destinationId), (p) => p.processed === 3, 30_000, "3 records refused");
    const errors = await f.db.errorRecord.findMany({ where: { destinationId } });
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.responseStatus).toBe(403);
      expect(error.reason).toContain(MISSING_WRITE);
    }
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(0);
    // A missing permission is not a revoked token: the connection does not need reconnecting.
    const credential = await f.db.credential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(credential.needsReconnectAt).toBeNull();
  });
});

describe("a destination on its creator's personal connection", () => {
  it("is delivered by the worker, while a colleague sees only whose connection it is", async () => {
    const [creator, colleague] = await Promise.all(
      ["Ana Silva", "Bo Chen"].map((name, i) =>
        f.db.user.create({
          data: {
            id: `user-${i}-${Date.now()}`,
            name,
            email: `${i}-${Date.now()}@a.test`,
            organisationId: f.organisationId,
          },
        }),
      ),
    );
    const { credentialId, appId } = await createOAuthConnection(f, {
      permissions: ["Read and list users and companies", "Write users and companies"],
      oauthKind: "personal",
      createdById: creator!.id,
    });
    const nexsetId = await createNexsetWithRecords(f, contactRecords(3));
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const done = await waitFor(hooks.progressOf(destinationId), (p) => p.processed === 3, 30_000, "3 delivered");
    expect(done.errorRecords).toBe(0);
    expect(f.sandbox.registry.byId(appId)!.data.contacts.size).toBe(3);

    const seen = await getDestinationOverview(
      f.db,
      { organisationId: f.organisationId, userId: colleague!.id },
      destinationId,
    );
    expect(seen.credential).toEqual({ visible: false, personalTo: "Ana Silva" });
  });
});
