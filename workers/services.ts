import { db } from "@/lib/db/client";
import type { Logger } from "@/lib/log";
import { startSourceScheduler } from "@/lib/sources/schedule/source-scheduler";
import { startDeliveryService } from "./delivery-service";

/** A long-running loop in the worker process (reconciliation, schedules) that stops on shutdown. */
export interface WorkerService {
  name: string;
  stop(): Promise<void>;
}

/** Services register here as features land. */
export async function startServices(log: Logger): Promise<WorkerService[]> {
  return [startDeliveryService(log), startSourceScheduler(db(), log.child({ component: "source-scheduler" }))];
}
