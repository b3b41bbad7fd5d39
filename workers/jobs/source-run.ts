import { db } from "@/lib/db/client";
import { performSourceRun } from "@/lib/sources/runs/perform-source-run";
import { SOURCE_RUN_JOB, sourceRunJobSchema } from "@/lib/sources/runs/source-run-job";
import { defineJob } from "../job-definition";

/** Performs one SourceRun (an Intercom list or export). A failed run is recorded on the run, not thrown. */
export const sourceRunJob = defineJob({
  name: SOURCE_RUN_JOB,
  schema: sourceRunJobSchema,
  async handle({ runId }, ctx) {
    const result = await performSourceRun(db(), runId, { signal: ctx.signal, log: ctx.log });
    ctx.log.debug({ runId, result }, "source run job ended");
  },
});
