import { withApi } from "@/lib/api/with-api";
import { listDeliveryCallsRoute } from "@/lib/delivery/api-routes";
import { listCallSummaries } from "@/lib/delivery/monitoring/list-call-summaries";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(listDeliveryCallsRoute, ({ org, params, query }) =>
  listCallSummaries(db(), org.organisationId, params.id, query),
);
