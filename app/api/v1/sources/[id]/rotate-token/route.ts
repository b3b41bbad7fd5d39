import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { rotateTokenRoute } from "@/lib/sources/api-routes";
import { rotateWebhookToken } from "@/lib/sources/webhook/rotate-webhook-credentials";

export const dynamic = "force-dynamic";

export const POST = withApi(rotateTokenRoute, ({ org, params }) =>
  rotateWebhookToken(db(), org.organisationId, params.id),
);
