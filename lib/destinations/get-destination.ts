import { asViewer, type ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { type DestinationView, destinationViewSelect, toDestinationView } from "./destination-view";

/** Another organisation's destination is "not found", exactly like a missing one. */
export async function getDestination(db: Db, viewer: ViewerArg, destinationId: string): Promise<DestinationView> {
  const row = await db.destination.findFirst({
    where: { id: destinationId, organisationId: asViewer(viewer).organisationId },
    select: destinationViewSelect,
  });
  if (!row) throw notFound("Destination");
  return toDestinationView(row, viewer);
}
