import { withApi } from "@/lib/api/with-api";
import { startOAuthRoute } from "@/lib/credentials/api-routes";
import { startOAuth } from "@/lib/credentials/oauth/start-oauth";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withApi(startOAuthRoute, ({ org, body }) => startOAuth(db(), org, body));
