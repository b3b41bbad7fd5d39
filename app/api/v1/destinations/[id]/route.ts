import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { deleteDestinationRoute, getDestinationRoute, updateDestinationRoute } from "@/lib/destinations/api-routes";
import { deleteDestination } from "@/lib/destinations/delete-destination";
import { getDestination } from "@/lib/destinations/get-destination";
import { updateDestination } from "@/lib/destinations/update-destination";

export const dynamic = "force-dynamic";

export const GET = withApi(getDestinationRoute, ({ org, params }) => getDestination(db(), viewerOf(org), params.id));

export const PUT = withApi(updateDestinationRoute, ({ org, params, body }) =>
  updateDestination(db(), viewerOf(org), params.id, body),
);

export const DELETE = withApi(deleteDestinationRoute, ({ org, params }) =>
  deleteDestination(db(), org.organisationId, params.id),
);
