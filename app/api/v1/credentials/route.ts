import { withApi } from "@/lib/api/with-api";
import { createCredentialRoute, listCredentialsRoute } from "@/lib/credentials/api-routes";
import { createCredential } from "@/lib/credentials/create-credential";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(listCredentialsRoute, async ({ org }) => ({
  credentials: await listCredentials(db(), viewerOf(org)),
}));

export const POST = withApi(createCredentialRoute, ({ org, body }) =>
  createCredential(db(), org.organisationId, body, { createdById: viewerOf(org).userId }),
);
