import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { createDestinationRoute, listDestinationsRoute } from "@/lib/destinations/api-routes";
import { createDestination } from "@/lib/destinations/create-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";

export const dynamic = "force-dynamic";

export const POST = withApi(createDestinationRoute, ({ org, body }) => createDestination(db(), viewerOf(org), body));

export const GET = withApi(listDestinationsRoute, async ({ org, query }) => ({
  destinations: await listDestinations(db(), viewerOf(org), query),
}));
