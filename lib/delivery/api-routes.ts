import { idParamsSchema } from "@/lib/api/id-params";
import { defineApiRouteGroup } from "@/lib/api/route-spec";
import { listDeliveryCallsSchema } from "./monitoring/activity-log";
import { errorSelectionSchema, listErrorRecordsSchema } from "./error-records";
import {
  callParamsSchema,
  deliveryCallDetailSchema,
  deliveryCallPageSchema,
  deliveryProgressSchema,
  deliveryTimelineSchema,
  destinationStatusViewSchema,
  errorDiscardResultSchema,
  errorRecordPageSchema,
  errorReplayResultSchema,
  rateLimitUsageSchema,
} from "./monitoring/monitoring-schemas";
import { timelineInputSchema } from "./monitoring/progress-and-timeline";

// The destination page's API (lifecycle, monitoring, activity log, error records), public under
// /api/v1 and described in the OpenAPI document. Every route is scoped to the caller's
// organisation: another organisation's destination answers 404.

const BASE = "/api/v1/destinations/{id}";
const defineRoute = defineApiRouteGroup({ tags: ["Delivery"], auth: "session-or-api-key" });

export const activateDestinationRoute = defineRoute({
  method: "POST",
  path: `${BASE}/activate`,
  summary:
    "Activate a destination (from draft, paused or error): its workers start delivering every record of its Nexset",
  description:
    "Activating an active destination changes nothing. 422 when its settings are incomplete or its credential is gone.",
  params: idParamsSchema,
  response: destinationStatusViewSchema,
  errors: [404, 409, 422],
});

export const pauseDestinationRoute = defineRoute({
  method: "POST",
  path: `${BASE}/pause`,
  summary: "Pause a destination: no new calls start; calls in flight finish and are recorded",
  description: "Pausing a paused destination changes nothing; a draft cannot be paused (409).",
  params: idParamsSchema,
  response: destinationStatusViewSchema,
  errors: [404, 409],
});

export const resumeDestinationRoute = defineRoute({
  method: "POST",
  path: `${BASE}/resume`,
  summary: "Resume a paused (or errored) destination from where it stopped",
  description: "A draft cannot be resumed (409): activate it instead.",
  params: idParamsSchema,
  response: destinationStatusViewSchema,
  errors: [404, 409, 422],
});

export const deliveryProgressRoute = defineRoute({
  method: "GET",
  path: `${BASE}/progress`,
  summary:
    "Delivery progress: records delivered of the Nexset's total, the backlog, open error records, calls in flight, records per outcome, and the status",
  description:
    "`outcomes` counts each record once, by its latest outcome: created, updated, unchanged, archived, deleted, already_gone (sync operations), and exists_not_updated (a plain “Create a contact” answered 409: Intercom kept the old values).",
  params: idParamsSchema,
  response: deliveryProgressSchema,
  errors: [404],
});

export const deliveryTimelineRoute = defineRoute({
  method: "GET",
  path: `${BASE}/timeline`,
  summary:
    "Calls, records and outcomes (2xx, 4xx, 5xx, 429, no answer) per minute over the last N minutes, oldest first",
  params: idParamsSchema,
  query: timelineInputSchema,
  response: deliveryTimelineSchema,
  errors: [404],
});

export const rateLimitUsageRoute = defineRoute({
  method: "GET",
  path: `${BASE}/rate-limit`,
  summary:
    "The rate-limit budget of the destination's credential (shared by every destination using it): window budget, used, remaining, reset",
  params: idParamsSchema,
  response: rateLimitUsageSchema,
  errors: [404, 503],
});

export const listDeliveryCallsRoute = defineRoute({
  method: "GET",
  path: `${BASE}/calls`,
  summary:
    "The activity log: API calls newest first (request line, status, outcome, latency, config version, kind), filterable, paginated",
  description:
    "Pass the previous page's `nextCursor` as `cursor` for the next page. Bodies and headers are in GET …/calls/{callId}. `recordOutcome` keeps the calls that concluded a record with that outcome (`exists_not_updated`: a plain create's 409); a sync operation's calls carry their `syncStep`.",
  params: idParamsSchema,
  query: listDeliveryCallsSchema,
  response: deliveryCallPageSchema,
  errors: [404],
});

export const getDeliveryCallRoute = defineRoute({
  method: "GET",
  path: `${BASE}/calls/{callId}`,
  summary:
    "One call in full: the request as sent (token masked) with headers and body, and the response's status, headers and body",
  params: callParamsSchema,
  response: deliveryCallDetailSchema,
  errors: [404],
});

export const listErrorRecordsRoute = defineRoute({
  method: "GET",
  path: `${BASE}/errors`,
  summary: "Error records (records Intercom refused, with the reason, request and response), newest first",
  params: idParamsSchema,
  query: listErrorRecordsSchema,
  response: errorRecordPageSchema,
  errors: [404],
});

export const replayErrorRecordsRoute = defineRoute({
  method: "POST",
  path: `${BASE}/errors/replay`,
  summary: "Replay open error records — `{ ids: [...] }` or `{ all: true }` — with the destination's current settings",
  description:
    "Queues the replay and answers 202 with how many open error records it covers (0: nothing open matched).",
  params: idParamsSchema,
  body: errorSelectionSchema,
  response: errorReplayResultSchema,
  status: 202,
  errors: [404],
});

export const discardErrorRecordsRoute = defineRoute({
  method: "POST",
  path: `${BASE}/errors/discard`,
  summary:
    "Discard open error records — `{ ids: [...] }` or `{ all: true }` — so they are no longer replayed or counted",
  params: idParamsSchema,
  body: errorSelectionSchema,
  response: errorDiscardResultSchema,
  errors: [404],
});

export const deliveryApiRoutes = [
  activateDestinationRoute,
  pauseDestinationRoute,
  resumeDestinationRoute,
  deliveryProgressRoute,
  deliveryTimelineRoute,
  rateLimitUsageRoute,
  listDeliveryCallsRoute,
  getDeliveryCallRoute,
  listErrorRecordsRoute,
  replayErrorRecordsRoute,
  discardErrorRecordsRoute,
] as const;
