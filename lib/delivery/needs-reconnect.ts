import type { Db } from "@/lib/db/client";
import { requestDelivery } from "./enqueue-delivery";

// A revoked token (Intercom answers 401; OAuth tokens never expire) is the connection's problem,
// not the records': the connection is marked "needs reconnecting" and every active destination on
// it pauses with that reason, its claims left in flight. Nothing becomes an error record. After
// Reconnect (or a replaced token) those destinations resume from their cursor.

export const RECONNECT_PAUSE_MESSAGE =
  "Paused: Intercom refused the connection's token, so it needs reconnecting. Reconnect it (Credentials) and delivery resumes where it stopped.";

export async function markNeedsReconnect(db: Db, credentialId: string, reason: string): Promise<void> {
  await db.$transaction([
    db.credential.updateMany({
      where: { id: credentialId, needsReconnectAt: null },
      data: { needsReconnectAt: new Date(), needsReconnectReason: reason.slice(0, 500) },
    }),
    db.destination.updateMany({
      where: { credentialId, status: "active" },
      data: { status: "paused", statusMessage: RECONNECT_PAUSE_MESSAGE },
    }),
  ]);
}

/** After a working token is back: the destinations paused for the connection go on. Their ids. */
export async function resumeAfterReconnect(db: Db, credentialId: string): Promise<string[]> {
  const paused = await db.destination.findMany({
    where: { credentialId, status: "paused", statusMessage: RECONNECT_PAUSE_MESSAGE },
    select: { id: true },
  });
  const resumed: string[] = [];
  for (const { id } of paused) {
    const updated = await db.destination.updateMany({
      where: { id, status: "paused", statusMessage: RECONNECT_PAUSE_MESSAGE },
      data: { status: "active", statusMessage: null, failureStreak: 0 },
    });
    if (updated.count === 1) {
      resumed.push(id);
      await requestDelivery(id);
    }
  }
  return resumed;
}
