import { withApi } from "@/lib/api/with-api";
import { deliveryTimelineRoute } from "@/lib/delivery/api-routes";
import { getDeliveryTimeline } from "@/lib/delivery/monitoring/progress-and-timeline";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(deliveryTimelineRoute, async ({ org, params, query }) => ({
  minutes: query.minutes,
  points: await getDeliveryTimeline(db(), org.organisationId, params.id, query),
}));
