import type { QueueName } from "@/lib/queue/queues";
import type { JobDefinition } from "../job-definition";
import { deliverDestinationJob } from "./deliver-destination";
import { replayErrorRecordsJob } from "./replay-error-records";
import { sourceRunJob } from "./source-run";

/** Every job the workers run, by the queue it is consumed from. Jobs register here. */
export const JOBS: Record<QueueName, JobDefinition[]> = {
  delivery: [deliverDestinationJob, replayErrorRecordsJob],
  sources: [sourceRunJob],
  maintenance: [],
};
