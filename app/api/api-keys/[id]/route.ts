import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { apiKeyIdParamsSchema, apiKeySummarySchema } from "@/lib/api-keys/schemas";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const DELETE = withApi(
  { auth: "session", params: apiKeyIdParamsSchema, response: apiKeySummarySchema },
  async ({ org, params }) => revokeApiKey(org.organisationId, params.id),
);
