import { withApi } from "@/lib/api/with-api";
import { pauseDestinationRoute } from "@/lib/delivery/api-routes";
import { pauseDestination } from "@/lib/delivery/destination-lifecycle";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(pauseDestinationRoute, ({ org, params }) =>
  pauseDestination(db(), org.organisationId, params.id),
);
