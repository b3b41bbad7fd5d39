import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { getDeliveryCallRoute } from "@/lib/delivery/api-routes";
import { getDeliveryCall } from "@/lib/delivery/monitoring/get-delivery-call";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(getDeliveryCallRoute, ({ org, params }) =>
  getDeliveryCall(db(), viewerOf(org), params.id, params.callId),
);
