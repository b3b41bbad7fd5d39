import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { listNexsetRecordsRoute } from "@/lib/nexsets/api-routes";
import { getNexsetView } from "@/lib/nexsets/get-nexset-view";

export const dynamic = "force-dynamic";

export const GET = withApi(listNexsetRecordsRoute, async ({ org, params, query }) => {
  const { records, total, page, pageSize, pageCount } = await getNexsetView(db(), org.organisationId, params.id, query);
  return { records, total, page, pageSize, pageCount };
});
