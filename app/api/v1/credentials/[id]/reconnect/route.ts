import { withApi } from "@/lib/api/with-api";
import { reconnectCredentialRoute } from "@/lib/credentials/api-routes";
import { startReconnect } from "@/lib/credentials/oauth/start-oauth";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(reconnectCredentialRoute, ({ org, params, body }) =>
  startReconnect(db(), org, params.id, body.returnTo),
);
