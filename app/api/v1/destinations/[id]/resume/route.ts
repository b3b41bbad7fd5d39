import { withApi } from "@/lib/api/with-api";
import { resumeDestinationRoute } from "@/lib/delivery/api-routes";
import { resumeDestination } from "@/lib/delivery/destination-lifecycle";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(resumeDestinationRoute, ({ org, params }) =>
  resumeDestination(db(), org.organisationId, params.id),
);
