import { db } from "@/lib/db/client";
import { deliveryEngine, shutdownDeliveryEngine } from "@/lib/delivery/engine/delivery-engine";
import { DeliveryReconciler } from "@/lib/delivery/engine/reconcile-deliveries";
import type { Logger } from "@/lib/log";
import type { WorkerService } from "./worker-service";

/** Reconciliation every few seconds, and a graceful drain of delivery runs on shutdown. */
export function startDeliveryService(log: Logger): WorkerService {
  const engine = deliveryEngine();
  const reconciler = new DeliveryReconciler(
    db(),
    log.child({ component: "delivery-reconciler" }),
    engine.settings.reconcileIntervalMs,
  ).start();
  return {
    name: "delivery",
    async stop() {
      await reconciler.stop();
      await shutdownDeliveryEngine();
    },
  };
}
