import type { z } from "zod";
import type { Logger } from "@/lib/log";

/** One kind of background job: each lives in workers/jobs/<name>.ts (HOUSE-STYLE 9). */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  /** Job data holds ids only, never tokens or records. */
  schema: S;
  handle(data: z.infer<S>, ctx: JobContext): Promise<void>;
}

export interface JobContext {
  log: Logger;
  jobId: string;
  attemptsMade: number;
  signal?: AbortSignal;
}

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
