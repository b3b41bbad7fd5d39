import { withApi } from "@/lib/api/with-api";
import { deleteCredentialRoute, getCredentialRoute, updateCredentialRoute } from "@/lib/credentials/api-routes";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { getCredential } from "@/lib/credentials/get-credential";
import { updateCredential } from "@/lib/credentials/update-credential";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(getCredentialRoute, ({ org, params }) => getCredential(db(), viewerOf(org), params.id));

export const DELETE = withApi(deleteCredentialRoute, ({ org, params }) =>
  deleteCredential(db(), viewerOf(org), params.id),
);

export const PATCH = withApi(updateCredentialRoute, ({ org, params, body }) =>
  updateCredential(db(), viewerOf(org), params.id, body),
);
