import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { createSourceRoute, listSourcesRoute } from "@/lib/sources/api-routes";
import { createSourceOfKind } from "@/lib/flows/create-source-of-kind";
import { listSources } from "@/lib/sources/list-sources";

export const dynamic = "force-dynamic";

export const GET = withApi(listSourcesRoute, async ({ org, query }) => ({
  sources: await listSources(db(), org.organisationId, query),
}));

export const POST = withApi(createSourceRoute, ({ org, body }) => createSourceOfKind(db(), viewerOf(org), body));
