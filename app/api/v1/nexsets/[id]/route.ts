import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { getNexsetRoute } from "@/lib/nexsets/api-routes";
import { getNexsetView } from "@/lib/nexsets/get-nexset-view";

export const dynamic = "force-dynamic";

export const GET = withApi(getNexsetRoute, ({ org, params, query }) =>
  getNexsetView(db(), org.organisationId, params.id, query),
);
