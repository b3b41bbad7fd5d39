import { withApi } from "@/lib/api/with-api";
import { discardErrorRecordsRoute } from "@/lib/delivery/api-routes";
import { discardErrorRecords } from "@/lib/delivery/error-records";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(discardErrorRecordsRoute, async ({ org, params, body }) => ({
  discarded: await discardErrorRecords(db(), org.organisationId, params.id, body),
}));
