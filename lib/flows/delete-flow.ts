import type { Db } from "@/lib/db/client";
import { findFlow, loadRowsOfFlow } from "./get-flow-graph";
import type { DeletedFlow } from "./view-schemas";

/**
 * Deletes a flow with everything on its canvas: its sources (with their Nexsets and records),
 * its destinations (with their delivery history) and their response-webhook sources. The answer
 * says how many records its destinations had not delivered, which the UI warned about first.
 */
export async function deleteFlow(db: Db, organisationId: string, flowId: string): Promise<DeletedFlow> {
  await findFlow(db, organisationId, flowId);
  const rows = await loadRowsOfFlow(db, organisationId, flowId);
  const sourceIds = rows.sources.map((s) => s.refId);
  const destinationIds = rows.destinations.map((d) => d.refId);
  await db.$transaction(
    async (tx) => {
      // Destinations first: their response sources go with them (cascade), then the remaining sources.
      await tx.destination.deleteMany({ where: { id: { in: destinationIds }, organisationId } });
      await tx.source.deleteMany({ where: { id: { in: sourceIds }, organisationId } });
      await tx.flow.deleteMany({ where: { id: flowId, organisationId } });
    },
    { timeout: 120_000 },
  );
  return {
    deletedSources: rows.sources.filter((s) => s.kind === "source").length,
    deletedDestinations: destinationIds.length,
    undeliveredRecords: rows.destinations.reduce((sum, d) => sum + d.undelivered, 0),
  };
}
