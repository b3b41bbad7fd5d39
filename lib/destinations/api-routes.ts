import { idParamsSchema } from "@/lib/api/id-params";
import { defineApiRouteGroup } from "@/lib/api/route-spec";
import { createDestinationSchema } from "./create-destination";
import { defaultMappingRequestSchema, defaultMappingResponseSchema } from "./mapping/default-mapping-schemas";
import { destinationListSchema, destinationViewSchema } from "./destination-view";
import { listDestinationsQuerySchema } from "./list-destinations";
import { sendDestinationTestSchema, sendTestResultSchema, sendTestSchema } from "./send-test-schemas";
import { updateDestinationSchema } from "./update-destination";

// The wizard's API, public under /api/v1 (the UI and API-key callers use the same routes) and in
// the OpenAPI document. Another organisation's destination, Nexset or credential answers 404.

const defineRoute = defineApiRouteGroup({ tags: ["Destinations"], auth: "session-or-api-key" });

export const createDestinationRoute = defineRoute({
  method: "POST",
  path: "/api/v1/destinations",
  summary: "Create a destination (a draft) from the wizard's settings",
  description:
    "Validated like the wizard: every step's schema, the Nexset/credential/flow belong to your organisation (404 otherwise), " +
    "the endpoint URL is on the credential's Intercom host, and grouping code runs on the sample records. Bad input saves nothing (400 naming the field).",
  body: createDestinationSchema,
  response: destinationViewSchema,
  status: 201,
  errors: [404],
});

export const listDestinationsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/destinations",
  summary: "List destinations, optionally for one Nexset, flow or status",
  query: listDestinationsQuerySchema,
  response: destinationListSchema,
});

export const getDestinationRoute = defineRoute({
  method: "GET",
  path: "/api/v1/destinations/{id}",
  summary: "A destination with its current settings",
  params: idParamsSchema,
  response: destinationViewSchema,
  errors: [404],
});

export const updateDestinationRoute = defineRoute({
  method: "PUT",
  path: "/api/v1/destinations/{id}",
  summary: "Save new settings for a destination: a new config version",
  description: "Checked like creation. A running delivery uses the new version for its next calls.",
  params: idParamsSchema,
  body: updateDestinationSchema,
  response: destinationViewSchema,
  errors: [404],
});

export const deleteDestinationRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/destinations/{id}",
  summary: "Delete a destination that is not delivering (pause it first)",
  params: idParamsSchema,
  errors: [404, 409],
});

export const sendTestRoute = defineRoute({
  method: "POST",
  path: "/api/v1/destinations/test",
  summary: "Send Test Data with unsaved settings: one request built from the Nexset's sample records",
  description:
    "The server rebuilds the request with the request builder, refuses a URL off the credential's Intercom host (400, nothing sent), " +
    "sends it once with the credential's token, and answers with Intercom's status, rate-limit headers, body and the time taken.",
  body: sendTestSchema,
  response: sendTestResultSchema,
  throttle: "send_test",
  errors: [404, 409, 429],
});

export const sendDestinationTestRoute = defineRoute({
  method: "POST",
  path: "/api/v1/destinations/{id}/test",
  summary: "Send Test Data for a saved destination (its settings or unsaved edits); recorded in its activity log",
  params: idParamsSchema,
  body: sendDestinationTestSchema,
  response: sendTestResultSchema,
  throttle: "send_test",
  errors: [404, 409, 429],
});

export const defaultMappingRoute = defineRoute({
  method: "POST",
  path: "/api/v1/destinations/default-mapping",
  summary: "The field mapping a Nexset gets for an endpoint, with custom attributes the credential's workspace defines",
  description:
    "Nothing is saved: the rows (each with the reason it was matched), the attributes that would not be sent and why, " +
    "and warnings (unknown fields, data attributes the workspace lacks, values that would not convert).",
  body: defaultMappingRequestSchema,
  response: defaultMappingResponseSchema,
  errors: [404, 502],
});

export const destinationApiRoutes = [
  createDestinationRoute,
  listDestinationsRoute,
  getDestinationRoute,
  updateDestinationRoute,
  deleteDestinationRoute,
  sendTestRoute,
  sendDestinationTestRoute,
  defaultMappingRoute,
] as const;
