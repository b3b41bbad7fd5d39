import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { deleteSourceRoute, getSourceRoute, updateSourceRoute } from "@/lib/sources/api-routes";
import { deleteSource } from "@/lib/sources/delete-source";
import { getSource } from "@/lib/sources/get-source";
import { updateSource } from "@/lib/sources/update-source";

export const dynamic = "force-dynamic";

export const GET = withApi(getSourceRoute, ({ org, params }) => getSource(db(), viewerOf(org), params.id));

export const PUT = withApi(updateSourceRoute, async ({ org, params, body }) => {
  await updateSource(db(), org.organisationId, params.id, body);
  return getSource(db(), viewerOf(org), params.id);
});

export const DELETE = withApi(deleteSourceRoute, ({ org, params, query }) =>
  deleteSource(db(), org.organisationId, params.id, { force: query.force }),
);
