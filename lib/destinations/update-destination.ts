import { asViewer, type ViewerArg } from "@/lib/credentials/visibility";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { createDestinationVersion } from "@/lib/destinations/destination-versions";
import { badInput, notFound, parseInput } from "@/lib/errors";
import { getSampleRecords } from "@/lib/nexsets/get-sample-records";
import { assertGroupingCodeRuns } from "./check-grouping-on-samples";
import { assertUrlOnCredentialHost, resolveDestinationContext } from "./destination-context";
import { assertMappingReadsNexset } from "./mapping/check-mapping-sources";
import type { DestinationView } from "./destination-view";
import { getDestination } from "./get-destination";
import { destinationInputSchema } from "./schemas";

/** The wizard's input; the Nexset may be left out (it can't change). */
export const updateDestinationSchema = destinationInputSchema.partial({ nexsetId: true });
export type UpdateDestinationInput = z.input<typeof updateDestinationSchema>;

/**
 * Saves the wizard's edits as the destination's next config version (a running delivery picks it
 * up for its next calls). Checked like a new destination first; bad input changes nothing.
 */
export async function updateDestination(
  db: Db,
  viewer: ViewerArg,
  destinationId: string,
  input: unknown,
): Promise<DestinationView> {
  const { organisationId } = asViewer(viewer);
  const data = parseInput(updateDestinationSchema, input);
  const existing = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: { nexsetId: true, flowId: true },
  });
  if (!existing) throw notFound("Destination");
  if (data.nexsetId !== undefined && data.nexsetId !== existing.nexsetId) {
    throw badInput(
      "nexsetId",
      "A destination's Nexset can't be changed; create a new destination for the other Nexset",
    );
  }
  const context = await resolveDestinationContext(db, viewer, {
    nexsetId: existing.nexsetId,
    credentialId: data.credentialId,
  });
  assertUrlOnCredentialHost(data.config, context.credential.baseUrl);
  await assertMappingReadsNexset(db, organisationId, existing.nexsetId, data.config.mapping);
  await assertGroupingCodeRuns(
    data.config,
    () => getSampleRecords(db, organisationId, existing.nexsetId),
    context.credential.baseUrl,
    organisationId,
  );

  await db.destination.updateMany({
    where: { id: destinationId, organisationId },
    data: { name: data.name, credentialId: data.credentialId },
  });
  await createDestinationVersion(db, organisationId, destinationId, data.config);
  return getDestination(db, viewer, destinationId);
}
