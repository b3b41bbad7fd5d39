import { withApi } from "@/lib/api/with-api";
import { activateDestinationRoute } from "@/lib/delivery/api-routes";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(activateDestinationRoute, ({ org, params }) =>
  activateDestination(db(), org.organisationId, params.id),
);
