import { z } from "zod";
import { deliveryEngine } from "@/lib/delivery/engine/delivery-engine";
import { REPLAY_JOB } from "@/lib/delivery/enqueue-delivery";
import { errorSelectionSchema } from "@/lib/delivery/error-records";
import { defineJob } from "../job-definition";

/** Re-sends a destination's selected error records with its current settings. */
export const replayErrorRecordsJob = defineJob({
  name: REPLAY_JOB,
  schema: z.intersection(
    z.object({ organisationId: z.string().min(1).max(64), destinationId: z.string().min(1).max(64) }),
    errorSelectionSchema,
  ),
  async handle(data, ctx) {
    const { organisationId, destinationId, ...selection } = data;
    const summary = await deliveryEngine().replayErrors(
      organisationId,
      destinationId,
      "ids" in selection ? { ids: selection.ids } : { all: true },
    );
    ctx.log.info({ destinationId, ...summary }, "error records replayed");
  },
});
