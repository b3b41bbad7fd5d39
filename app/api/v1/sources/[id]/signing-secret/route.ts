import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { removeSigningSecretRoute, rotateSigningSecretRoute } from "@/lib/sources/api-routes";
import { removeWebhookSecret, rotateWebhookSecret } from "@/lib/sources/webhook/rotate-webhook-credentials";

export const dynamic = "force-dynamic";

export const POST = withApi(rotateSigningSecretRoute, ({ org, params }) =>
  rotateWebhookSecret(db(), org.organisationId, params.id),
);

export const DELETE = withApi(removeSigningSecretRoute, ({ org, params }) =>
  removeWebhookSecret(db(), org.organisationId, params.id),
);
