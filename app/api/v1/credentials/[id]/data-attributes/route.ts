import { withApi } from "@/lib/api/with-api";
import { createDataAttributeRoute, listDataAttributesRoute } from "@/lib/credentials/api-routes";
import { createWorkspaceAttribute, getWorkspaceAttributes } from "@/lib/credentials/workspace-attributes";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(listDataAttributesRoute, ({ org, params, query }) =>
  getWorkspaceAttributes(db(), org.organisationId, params.id, { refresh: query.refresh }),
);

export const POST = withApi(createDataAttributeRoute, ({ org, params, body }) =>
  createWorkspaceAttribute(db(), org.organisationId, params.id, body),
);
