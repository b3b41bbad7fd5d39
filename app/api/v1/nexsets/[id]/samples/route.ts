import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { getNexsetSamplesRoute } from "@/lib/nexsets/api-routes";
import { getSampleRecords } from "@/lib/nexsets/get-sample-records";

export const dynamic = "force-dynamic";

export const GET = withApi(getNexsetSamplesRoute, async ({ org, params, query }) => ({
  samples: await getSampleRecords(db(), org.organisationId, params.id, query.count),
}));
