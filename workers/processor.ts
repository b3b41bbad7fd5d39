import type { Job } from "bullmq";
import { UnrecoverableError } from "bullmq";
import type { Logger } from "@/lib/log";
import type { JobDefinition } from "./job-definition";

/** One processor per queue: finds the job's definition by name and zod-parses its data first. */
export function createProcessor(definitions: JobDefinition[], log: Logger) {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<void> => {
    const definition = byName.get(job.name);
    if (!definition) throw new UnrecoverableError(`No job named "${job.name}" is registered on this queue.`);
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Job "${job.name}" has invalid data: ${parsed.error.message}`);
    const jobLog = log.child({ job: job.name, jobId: job.id });
    await definition.handle(parsed.data, { log: jobLog, jobId: job.id ?? "", attemptsMade: job.attemptsMade, signal });
  };
}
