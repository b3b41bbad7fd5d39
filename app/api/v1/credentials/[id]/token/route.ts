import { withApi } from "@/lib/api/with-api";
import { replaceCredentialTokenRoute } from "@/lib/credentials/api-routes";
import { replaceCredentialToken } from "@/lib/credentials/replace-token";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const PUT = withApi(replaceCredentialTokenRoute, ({ org, params, body }) =>
  replaceCredentialToken(db(), viewerOf(org), params.id, body),
);
