import { withApi } from "@/lib/api/with-api";
import { deliveryProgressRoute } from "@/lib/delivery/api-routes";
import { getDeliveryProgress } from "@/lib/delivery/monitoring/progress-and-timeline";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(deliveryProgressRoute, ({ org, params }) =>
  getDeliveryProgress(db(), org.organisationId, params.id),
);
