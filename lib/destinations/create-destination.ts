import { asViewer, type ViewerArg } from "@/lib/credentials/visibility";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { ensureResponseWebhookSource } from "@/lib/delivery/response-webhook";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSampleRecords } from "@/lib/nexsets/get-sample-records";
import { assertGroupingCodeRuns } from "./check-grouping-on-samples";
import { assertUrlOnCredentialHost, resolveDestinationContext } from "./destination-context";
import type { DestinationView } from "./destination-view";
import { getDestination } from "./get-destination";
import { assertMappingReadsNexset } from "./mapping/check-mapping-sources";
import { destinationInputSchema } from "./schemas";

/** The wizard's input, plus the flow the destination is drawn in (when it came from the canvas). */
export const createDestinationSchema = destinationInputSchema.extend({
  flowId: z.string().trim().min(1).max(64).optional(),
});
export type CreateDestinationInput = z.input<typeof createDestinationSchema>;

/**
 * Saves the wizard's destination as a draft (version 1). Everything is checked first — schema,
 * ownership of the Nexset, credential and flow, the URL's host, the grouping code on the sample
 * records — so bad input saves nothing. With the response webhook on, its source is created too.
 */
export async function createDestination(db: Db, viewer: ViewerArg, input: unknown): Promise<DestinationView> {
  const { organisationId } = asViewer(viewer);
  const data = parseInput(createDestinationSchema, input);
  const context = await resolveDestinationContext(db, viewer, data);
  assertUrlOnCredentialHost(data.config, context.credential.baseUrl);
  await assertMappingReadsNexset(db, organisationId, data.nexsetId, data.config.mapping);
  await assertGroupingCodeRuns(
    data.config,
    () => getSampleRecords(db, organisationId, data.nexsetId),
    context.credential.baseUrl,
    organisationId,
  );

  const config = data.config as unknown as Prisma.InputJsonValue;
  const created = await db.$transaction(async (tx) => {
    const destination = await tx.destination.create({
      data: {
        organisationId,
        flowId: data.flowId ?? null,
        nexsetId: data.nexsetId,
        credentialId: data.credentialId,
        name: data.name,
        connector: "intercom",
        status: "draft",
        config,
        configVersion: 1,
      },
      select: { id: true, organisationId: true, name: true, flowId: true },
    });
    await tx.destinationConfigVersion.create({ data: { destinationId: destination.id, version: 1, config } });
    return destination;
  });
  if (data.config.responseWebhook.enabled) await ensureResponseWebhookSource(db, created);
  return getDestination(db, viewer, created.id);
}
