import { withApi } from "@/lib/api/with-api";
import { listErrorRecordsRoute } from "@/lib/delivery/api-routes";
import { listErrorRecords } from "@/lib/delivery/error-records";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(listErrorRecordsRoute, ({ org, params, query }) =>
  listErrorRecords(db(), org.organisationId, params.id, query),
);
