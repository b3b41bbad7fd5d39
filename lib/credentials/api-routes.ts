import { z } from "zod";
import { idParamsSchema } from "@/lib/api/id-params";
import { defineApiRouteGroup } from "@/lib/api/route-spec";
import {
  createCredentialSchema,
  publicCredentialSchema,
  startOAuthResultSchema,
  startOAuthSchema,
  testConnectionResultSchema,
  testConnectionSchema,
  credentialUsageSchema,
  oauthAppSettingsSchema,
  saveOAuthAppSchema,
  replaceTokenSchema,
  tryRequestResultSchema,
  tryRequestSchema,
  updateCredentialSchema,
} from "./schemas";
import {
  createDataAttributeSchema,
  dataAttributeListQuerySchema,
  dataAttributeListSchema,
  dataAttributeViewSchema,
} from "./data-attribute-schemas";

// Intercom connections under /api/v1 (the wizard and the Credentials page use these, as can API
// keys). Tokens go in, never out: answers carry only the masked token.

const defineRoute = defineApiRouteGroup({ tags: ["Credentials"], auth: "session-or-api-key" });
export const credentialListSchema = z.object({ credentials: z.array(publicCredentialSchema) });

export const listCredentialsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/credentials",
  summary: "List Intercom connections (tokens masked)",
  response: credentialListSchema,
});

export const createCredentialRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials",
  summary: "Create an Intercom connection: the token is checked with GET /me, then stored encrypted",
  description: "422 when Intercom refuses the token, 502 when its host can't be reached; nothing is stored then.",
  body: createCredentialSchema,
  response: publicCredentialSchema,
  status: 201,
  errors: [422, 502, 503],
});

export const getCredentialRoute = defineRoute({
  method: "GET",
  path: "/api/v1/credentials/{id}",
  summary: "One Intercom connection (token masked)",
  params: idParamsSchema,
  response: publicCredentialSchema,
  errors: [404],
});

export const deleteCredentialRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/credentials/{id}",
  summary: "Delete an Intercom connection no destination uses",
  params: idParamsSchema,
  errors: [404, 409],
});

export const testCredentialRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials/{id}/test",
  summary: "Test a saved connection with GET /me: the workspace and admin, or why it failed",
  params: idParamsSchema,
  response: testConnectionResultSchema,
  throttle: "test_connection",
  errors: [404, 429],
});

export const testConnectionRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials/test-connection",
  summary: "Test a token before saving it: GET /me on the region's host",
  body: testConnectionSchema,
  response: testConnectionResultSchema,
  throttle: "test_connection",
  errors: [429],
});

export const listDataAttributesRoute = defineRoute({
  method: "GET",
  path: "/api/v1/credentials/{id}/data-attributes",
  summary: "The workspace's contact and company data attributes (Intercom's GET /data_attributes)",
  description: "Kept for a few minutes per credential; refresh=1 reads them from Intercom again.",
  params: idParamsSchema,
  query: dataAttributeListQuerySchema,
  response: dataAttributeListSchema,
  errors: [404, 502],
});

export const createDataAttributeRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials/{id}/data-attributes",
  summary: "Create a custom data attribute in the workspace (Intercom's POST /data_attributes)",
  description:
    "A name Intercom does not take is a 400 before any call; Intercom's own refusal (e.g. a duplicate) is a 422 with its message.",
  params: idParamsSchema,
  body: createDataAttributeSchema,
  response: dataAttributeViewSchema,
  status: 201,
  errors: [404, 422, 502],
});

export const startOAuthRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials/oauth/start",
  summary: "Connect with Intercom: the consent page to send the signed-in user to",
  description:
    "Remembers the name, region and kind under a single-use state bound to this session; Intercom then sends the " +
    "browser to /api/oauth/intercom/callback, which stores the connection and returns to `returnTo`. " +
    "409 when no OAuth app is configured (INTERCOM_OAUTH_CLIENT_ID / INTERCOM_OAUTH_CLIENT_SECRET, or Settings).",
  auth: "session",
  body: startOAuthSchema,
  response: startOAuthResultSchema,
  errors: [409],
});

export const reconnectCredentialRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials/{id}/reconnect",
  summary: "Reconnect: Connect with Intercom again for this connection, keeping its destinations",
  auth: "session",
  params: idParamsSchema,
  body: z.object({ returnTo: z.string().max(2000).optional() }),
  response: startOAuthResultSchema,
  errors: [404, 409],
});

export const updateCredentialRoute = defineRoute({
  method: "PATCH",
  path: "/api/v1/credentials/{id}",
  summary: "Rename a connection, or set its own rate limit per 10 s (null: the install's default)",
  params: idParamsSchema,
  body: updateCredentialSchema,
  response: publicCredentialSchema,
  errors: [404],
});

export const replaceCredentialTokenRoute = defineRoute({
  method: "PUT",
  path: "/api/v1/credentials/{id}/token",
  summary: "Replace a connection's token: checked with GET /me first, the same workspace unless allowOtherWorkspace",
  description:
    "409 other_workspace when the token is for another workspace (send allowOtherWorkspace: true to switch); 422 when " +
    "Intercom refuses it. Nothing is stored then. Destinations paused for reconnecting resume.",
  params: idParamsSchema,
  body: replaceTokenSchema,
  response: publicCredentialSchema,
  errors: [404, 409, 422, 502],
});

export const credentialUsageRoute = defineRoute({
  method: "GET",
  path: "/api/v1/credentials/{id}/usage",
  summary: "The destinations and sources that use a connection",
  params: idParamsSchema,
  response: credentialUsageSchema,
  errors: [404],
});

export const tryRequestRoute = defineRoute({
  method: "POST",
  path: "/api/v1/credentials/{id}/request",
  summary: "Try a request: one call to a path of the connection's region API (Tray's universal operation)",
  description:
    "Through the same client, outbound guard and rate-limit budget as deliveries. Refused with 400 before any call: " +
    "a path outside the region's API, /__sandbox…, an Authorization (or Host, Cookie) header, a body that is not JSON. " +
    "429 when the connection's budget is used up.",
  params: idParamsSchema,
  body: tryRequestSchema,
  response: tryRequestResultSchema,
  errors: [404, 429],
});

export const readOAuthAppRoute = defineRoute({
  method: "GET",
  path: "/api/v1/settings/intercom-oauth",
  summary: "The Intercom OAuth app Connect with Intercom uses (client id, where it comes from) and the redirect URL",
  response: oauthAppSettingsSchema,
});

export const saveOAuthAppRoute = defineRoute({
  method: "PUT",
  path: "/api/v1/settings/intercom-oauth",
  summary: "Save the organisation's Intercom OAuth app (admins; the secret is stored encrypted, never returned)",
  auth: "session",
  body: saveOAuthAppSchema,
  response: oauthAppSettingsSchema,
  errors: [403],
});

export const clearOAuthAppRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/settings/intercom-oauth",
  summary: "Forget the organisation's own OAuth app (the environment's applies again)",
  auth: "session",
  response: oauthAppSettingsSchema,
  errors: [403],
});

export const credentialApiRoutes = [
  listCredentialsRoute,
  createCredentialRoute,
  getCredentialRoute,
  deleteCredentialRoute,
  testCredentialRoute,
  testConnectionRoute,
  listDataAttributesRoute,
  createDataAttributeRoute,
  startOAuthRoute,
  reconnectCredentialRoute,
  updateCredentialRoute,
  replaceCredentialTokenRoute,
  credentialUsageRoute,
  tryRequestRoute,
  readOAuthAppRoute,
  saveOAuthAppRoute,
  clearOAuthAppRoute,
] as const;
