import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Worker } from "bullmq";
import { HEARTBEAT_INTERVAL_MS, beat, forget } from "@/lib/health/worker-heartbeat";
import { log as rootLog } from "@/lib/log";
import { QUEUE_NAMES } from "@/lib/queue/queues";
import { createRedis, keyPrefix } from "@/lib/redis/connection";
import { JOBS } from "./jobs";
import { createProcessor } from "./processor";
import { startServices } from "./services";
import type { WorkerService } from "./worker-service";

// The worker process: BullMQ Workers for each queue, the services that keep work flowing
// (reconciliation, schedules), and a heartbeat that /api/health reads. Never started inside Next.js.
const log = rootLog;
const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 16);

async function main(): Promise<void> {
  const heartbeatRedis = createRedis("worker");
  heartbeatRedis.on("error", (error) => log.warn({ err: error.message }, "redis connection error (heartbeat)"));
  const workers = QUEUE_NAMES.map((name) => {
    const worker = new Worker(name, createProcessor(JOBS[name], log), {
      connection: createRedis("worker"),
      prefix: keyPrefix(),
      concurrency,
      autorun: true,
    });
    worker.on("error", (error) => log.error({ queue: name, err: error.message }, "worker error"));
    worker.on("failed", (job, error) =>
      log.warn({ queue: name, job: job?.name, jobId: job?.id, err: error.message }, "job failed"),
    );
    return worker;
  });
  const services: WorkerService[] = await startServices(log);
  const sendBeat = () =>
    beat(heartbeatRedis, workerId).catch((error: Error) => log.warn({ err: error.message }, "heartbeat failed"));
  await sendBeat();
  const timer = setInterval(sendBeat, HEARTBEAT_INTERVAL_MS);
  log.info({ workerId, queues: QUEUE_NAMES, concurrency }, "worker started");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: finishing jobs in flight");
    clearInterval(timer);
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all(workers.map((w) => w.close()));
    await forget(heartbeatRedis, workerId).catch(() => undefined);
    heartbeatRedis.disconnect();
    log.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: Error) => {
  log.fatal({ err: error.message }, "worker could not start");
  process.exit(1);
});
