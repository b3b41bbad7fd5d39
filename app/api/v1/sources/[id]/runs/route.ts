import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { listSourceRunsRoute, runSourceRoute } from "@/lib/sources/api-routes";
import { listSourceRuns } from "@/lib/sources/list-source-runs";
import { requestSourceRun } from "@/lib/sources/runs/request-source-run";

export const dynamic = "force-dynamic";

export const GET = withApi(listSourceRunsRoute, ({ org, params, query }) =>
  listSourceRuns(db(), org.organisationId, params.id, query),
);

export const POST = withApi(runSourceRoute, ({ org, params }) =>
  requestSourceRun(db(), org.organisationId, params.id, "manual"),
);
