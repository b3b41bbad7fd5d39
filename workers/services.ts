import type { Logger } from "@/lib/log";

/** A long-running loop in the worker process (reconciliation, schedules) that stops on shutdown. */
export interface WorkerService {
  name: string;
  stop(): Promise<void>;
}

/** Services register here as features land. */
export async function startServices(_log: Logger): Promise<WorkerService[]> {
  return [];
}
