import { createApiKey, listApiKeys } from "@/lib/api-keys/api-keys";
import { apiKeyListSchema, createApiKeySchema, createdApiKeySchema } from "@/lib/api-keys/schemas";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ auth: "session", response: apiKeyListSchema }, async ({ org }) => ({
  apiKeys: await listApiKeys(org.organisationId),
}));

export const POST = withApi(
  { auth: "session", body: createApiKeySchema, response: createdApiKeySchema, status: 201 },
  async ({ org, body }) => createApiKey({ organisationId: org.organisationId, userId: org.userId }, body),
);
