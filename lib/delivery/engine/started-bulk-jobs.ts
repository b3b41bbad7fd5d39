import type { Redis } from "ioredis";
import { keyPrefix } from "@/lib/redis/connection";
import type { BulkJobRef } from "./bulk-job-poll";

// A bulk job Intercom accepted runs there whatever happens to the run that polls it. When polling
// is cut short (the token revoked mid-job, so the connection needs reconnecting; a shutdown) the
// claim is sent again later, and posting its records again would start a second job on records the
// first one already has. So the job is remembered for the claim's records until its end is read,
// and a claim sent again polls that job instead of posting. Losing the entry (Redis emptied) only
// means posting again, as before.

/** Longer than any run waits for a job; a reconnect may come days later. */
const REMEMBER_MS = 7 * 24 * 60 * 60 * 1000;

const keyOf = (claimId: bigint, seqs: readonly number[]) =>
  `${keyPrefix()}:bulk-job:${claimId}:${seqs[0]}-${seqs[seqs.length - 1]}:${seqs.length}`;

export async function rememberBulkJob(
  redis: Redis,
  claimId: bigint,
  seqs: readonly number[],
  job: BulkJobRef,
): Promise<void> {
  await redis.set(keyOf(claimId, seqs), JSON.stringify(job), "PX", REMEMBER_MS);
}

/** The job already running for exactly these records of the claim, if one was started. */
export async function startedBulkJob(
  redis: Redis,
  claimId: bigint,
  seqs: readonly number[],
): Promise<BulkJobRef | undefined> {
  const stored = await redis.get(keyOf(claimId, seqs));
  if (!stored) return undefined;
  const job = JSON.parse(stored) as Partial<BulkJobRef>;
  return typeof job.jobId === "string" && typeof job.statusUrl === "string"
    ? { jobId: job.jobId, statusUrl: job.statusUrl }
    : undefined;
}

export async function forgetBulkJob(redis: Redis, claimId: bigint, seqs: readonly number[]): Promise<void> {
  await redis.del(keyOf(claimId, seqs));
}
