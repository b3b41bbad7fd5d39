import { z } from "zod";
import { deliveryEngine } from "@/lib/delivery/engine/delivery-engine";
import { DELIVER_JOB } from "@/lib/delivery/enqueue-delivery";
import { defineJob } from "../job-definition";

/** Delivers one destination's backlog (PostgreSQL says what is left); the job only wakes it up. */
export const deliverDestinationJob = defineJob({
  name: DELIVER_JOB,
  schema: z.object({ destinationId: z.string().min(1).max(64) }),
  async handle({ destinationId }, ctx) {
    const result = await deliveryEngine().runDestination(destinationId);
    ctx.log.debug({ destinationId, result }, "delivery run ended");
  },
});
