import { describe, expect, it } from "vitest";
import { replaceCredentialToken } from "@/lib/credentials/replace-token";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { RECONNECT_PAUSE_MESSAGE } from "@/lib/delivery/needs-reconnect";
import {
  BULK_CONTACTS_CONFIG,
  contactRecords,
  createDestination,
  createNexsetWithRecords,
  createSandboxCredential,
  type DeliveryFixture,
  deliveryTestLifecycle,
  waitFor,
} from "@/test/delivery/delivery-fixture";

let f: DeliveryFixture;
const hooks = deliveryTestLifecycle((fixture) => (f = fixture), {
  env: { FLOWGATE_DELIVERY_BULK_POLL_MS: "50" },
  resetEnv: ["FLOWGATE_DELIVERY_BULK_POLL_MS"],
});

describe("a bulk job whose status poll meets a 401", () => {
  it("pauses 'needs reconnecting' with no error record, and after a new token reads the same job to its end", async () => {
    const { credentialId, appId, token } = await createSandboxCredential(f, { rateLimitPer10s: 100_000 });
    // The job runs long enough for the token to be revoked while it is polled.
    f.sandbox.setFaults({ appId, bulkJobDurationMs: 1_500 });
    const records = contactRecords(10);
    const nexsetId = await createNexsetWithRecords(f, records);
    const destinationId = await createDestination(f, {
      nexsetId,
      credentialId,
      config: BULK_CONTACTS_CONFIG,
    });
    hooks.startWorker();
    await activateDestination(f.db, f.organisationId, destinationId);
    const polls = () => f.db.deliveryCall.count({ where: { destinationId, method: "GET" } });
    await waitFor(polls, (n) => n >= 1, 20_000, "the job's first poll");

    f.sandbox.revokeToken(token);
    const destination = () => f.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    const paused = await waitFor(destination, (d) => d.status !== "active", 20_000, "the destination to stop");
    expect(paused).toMatchObject({ status: "paused", statusMessage: RECONNECT_PAUSE_MESSAGE });
    const credential = await f.db.credential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(credential.needsReconnectReason).toContain("401");
    expect(await f.db.errorRecord.count({ where: { destinationId } })).toBe(0);

    const app = f.sandbox.registry.byId(appId)!;
    await replaceCredentialToken(f.db, f.organisationId, credentialId, { token: f.sandbox.registry.grantToken(app) });
    const done = await waitFor(hooks.progressOf(destinationId), (p) => p.processed === 10, 30_000, "all 10 records");
    expect(done).toMatchObject({ delivered: 10, errorRecords: 0 });
    expect(app.data.contacts.size).toBe(10);
    // The job accepted before the revocation was read to its end, not posted again.
    const posts = await f.db.deliveryCall.count({ where: { destinationId, method: "POST" } });
    expect(posts).toBe(1);
  });
});
