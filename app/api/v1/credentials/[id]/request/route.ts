import { withApi } from "@/lib/api/with-api";
import { tryRequestRoute } from "@/lib/credentials/api-routes";
import { tryRequest } from "@/lib/credentials/try-request";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(tryRequestRoute, ({ org, params, body }) =>
  tryRequest(db(), viewerOf(org), params.id, body),
);
