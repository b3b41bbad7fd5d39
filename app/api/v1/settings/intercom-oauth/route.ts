import { withApi } from "@/lib/api/with-api";
import { clearOAuthAppRoute, readOAuthAppRoute, saveOAuthAppRoute } from "@/lib/credentials/api-routes";
import {
  clearOAuthAppSettings,
  readOAuthAppSettings,
  saveOAuthAppSettings,
} from "@/lib/credentials/oauth/oauth-app-settings";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApi(readOAuthAppRoute, ({ org }) => readOAuthAppSettings(db(), org.organisationId));
export const PUT = withApi(saveOAuthAppRoute, ({ org, body }) => saveOAuthAppSettings(db(), org, body));
export const DELETE = withApi(clearOAuthAppRoute, ({ org }) => clearOAuthAppSettings(db(), org));
