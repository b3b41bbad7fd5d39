import { withApi } from "@/lib/api/with-api";
import { createDataAttributeRoute, listDataAttributesRoute } from "@/lib/credentials/api-routes";
import { getCredential } from "@/lib/credentials/get-credential";
import { viewerOf } from "@/lib/credentials/visibility";
import { createWorkspaceAttribute, getWorkspaceAttributes } from "@/lib/credentials/workspace-attributes";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// getCredential first: another user's personal connection is a 404 here too.
export const GET = withApi(listDataAttributesRoute, async ({ org, params, query }) => {
  await getCredential(db(), viewerOf(org), params.id);
  return getWorkspaceAttributes(db(), org.organisationId, params.id, { refresh: query.refresh });
});

export const POST = withApi(createDataAttributeRoute, async ({ org, params, body }) => {
  await getCredential(db(), viewerOf(org), params.id);
  return createWorkspaceAttribute(db(), org.organisationId, params.id, body);
});
