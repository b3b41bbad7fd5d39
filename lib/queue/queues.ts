import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis, keyPrefix } from "@/lib/redis/connection";

// Work the web app asks the workers to do. Job data carries ids only: records and tokens stay
// in PostgreSQL, so a wiped Redis loses no record (reconciliation re-enqueues from Postgres).
export const QUEUE_NAMES = ["delivery", "sources", "maintenance"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const DEFAULT_JOB_OPTIONS: JobsOptions = Object.freeze({
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
});

const holder = globalThis as unknown as { flowgateQueues?: Map<QueueName, Queue> };

/** A producer-side queue, shared per process. */
const connections = new WeakMap<Queue, Redis>();

export function queue(name: QueueName): Queue {
  holder.flowgateQueues ??= new Map();
  let q = holder.flowgateQueues.get(name);
  if (!q) {
    const connection = createRedis("producer");
    q = new Queue(name, { connection, prefix: keyPrefix(), defaultJobOptions: DEFAULT_JOB_OPTIONS });
    connections.set(q, connection);
    holder.flowgateQueues.set(name, q);
  }
  return q;
}

export async function closeQueues(): Promise<void> {
  const queues = [...(holder.flowgateQueues?.values() ?? [])];
  holder.flowgateQueues?.clear();
  await Promise.all(queues.map((q) => q.close()));
  // BullMQ leaves a connection it was given open; these were made for the queues alone.
  for (const q of queues) connections.get(q)?.disconnect();
}
