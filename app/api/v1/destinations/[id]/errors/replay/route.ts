import { withApi } from "@/lib/api/with-api";
import { replayErrorRecordsRoute } from "@/lib/delivery/api-routes";
import { requestErrorReplay } from "@/lib/delivery/error-records";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(replayErrorRecordsRoute, ({ org, params, body }) =>
  requestErrorReplay(db(), org.organisationId, params.id, body),
);
