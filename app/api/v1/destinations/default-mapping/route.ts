import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { defaultMappingRoute } from "@/lib/destinations/api-routes";
import { computeDefaultMapping } from "@/lib/destinations/mapping/compute-default-mapping";

export const dynamic = "force-dynamic";

export const POST = withApi(defaultMappingRoute, ({ org, body }) =>
  computeDefaultMapping(db(), org.organisationId, body),
);
