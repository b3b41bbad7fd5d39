import { describe, expect, it } from "vitest";
import { replaceCredentialToken } from "@/lib/credentials/replace-token";
import {
  contactPostsByEmail,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";
import { activateDestination } from "./destination-lifecycle";
import { RECONNECT_PAUSE_MESSAGE } from "./needs-reconnect";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture));

describe("a revoked token", () => {
  it("pauses delivery 'needs reconnecting' without error records, and a new token resumes from the cursor", async () => {
    // A budget smaller than the records, so the token is revoked while most of them still wait for the
    // next window (calls in flight now follow the budget, so 30 per window would send all 30 at once).
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 10 });
    const records = contactRecords(30);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, { nexsetId, credentialId });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    await waitFor(hooks.progressOf(destinationId), (p) => p.processed >= 5, 20_000, "5 records delivered");

    f.sandbox.revokeToken(token);
    const destination = () => f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    const paused = await waitFor(destination, (d) => d.status === "paused", 20_000, "the destination to pause");
    expect(paused.statusMessage).toBe(RECONNECT_PAUSE_MESSAGE);
    const credential = await f.db.credential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(credential.needsReconnectAt).not.toBeNull();
    expect(credential.needsReconnectReason).toContain("401");
    const stopped = await hooks.progressOf(destinationId)();
    expect(stopped.errorRecords).toBe(0);
    expect(stopped.processed).toBeLessThan(30);
    // The refused calls are in the activity log, as every call is.
    expect(await f.db.deliveryCall.count({ where: { destinationId, responseStatus: 401 } })).toBeGreaterThan(0);

    // Reconnect: a working token for the same workspace (the OAuth flow itself is tested in test/oauth).
    const app = f.sandbox.registry.byId(appId);
    if (!app) throw new Error("sandbox app missing");
    await replaceCredentialToken(f.db, f.organisationId, credentialId, { token: f.sandbox.registry.grantToken(app) });
    expect((await destination()).status).toBe("active");
    const done = await waitFor(hooks.progressOf(destinationId), (p) => p.processed === 30, 30_000, "all 30 records");
    expect(done).toMatchObject({ delivered: 30, errorRecords: 0 });
    const posts = contactPostsByEmail(f.sandbox, appId);
    for (const record of records) {
      const statuses = posts.get(record.email as string) ?? [];
      expect(
        statuses.filter((s) => s === 200),
        String(record.email),
      ).toHaveLength(1);
    }
    expect((await f.db.credential.findUniqueOrThrow({ where: { id: credentialId } })).needsReconnectAt).toBeNull();
  });
});
