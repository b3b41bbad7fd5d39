import { db } from "@/lib/db/client";
import type { Logger } from "@/lib/log";
import { startSourceScheduler } from "@/lib/sources/schedule/source-scheduler";
import { startDeliveryService } from "./delivery-service";
import type { WorkerService } from "./worker-service";

/** Services register here as features land. */
export async function startServices(log: Logger): Promise<WorkerService[]> {
  return [startDeliveryService(log), startSourceScheduler(db(), log.child({ component: "source-scheduler" }))];
}
