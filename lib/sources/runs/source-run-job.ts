import { z } from "zod";

// The worker job that performs one SourceRun. Data is ids only; the job id is derived from the
// run, so enqueueing a run twice (a retry, the scheduler's reconciliation) runs it once.

export const SOURCE_RUN_JOB = "source-run";

export const sourceRunJobSchema = z.object({
  sourceId: z.string().min(1).max(64),
  runId: z.string().min(1).max(64),
});
export type SourceRunJobData = z.infer<typeof sourceRunJobSchema>;

export function sourceRunJobId(runId: string): string {
  return `source-run-${runId}`;
}
