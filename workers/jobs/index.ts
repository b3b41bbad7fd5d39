import type { QueueName } from "@/lib/queue/queues";
import type { JobDefinition } from "../job-definition";

/** Every job the workers run, by the queue it is consumed from. Jobs register here. */
export const JOBS: Record<QueueName, JobDefinition[]> = {
  delivery: [],
  sources: [],
  maintenance: [],
};
