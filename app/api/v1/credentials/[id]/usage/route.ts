import { withApi } from "@/lib/api/with-api";
import { credentialUsageRoute } from "@/lib/credentials/api-routes";
import { getCredentialUsage } from "@/lib/credentials/update-credential";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(credentialUsageRoute, ({ org, params }) =>
  getCredentialUsage(db(), viewerOf(org), params.id),
);
