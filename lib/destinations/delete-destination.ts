import type { Db } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";

/**
 * Deletes a destination with its history (calls, error records, versions) and its response-webhook
 * source. An active destination is refused (pause it first), in the same statement as the delete,
 * so an activation racing the delete can't leave a delivery running for a row that is gone.
 */
export async function deleteDestination(db: Db, organisationId: string, destinationId: string): Promise<void> {
  const deleted = await db.destination.deleteMany({
    where: { id: destinationId, organisationId, status: { not: "active" } },
  });
  if (deleted.count === 1) return;
  const existing = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: { id: true },
  });
  if (!existing) throw notFound("Destination");
  throw conflict("This destination is delivering; pause it before deleting it");
}
