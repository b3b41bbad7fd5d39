import { idParamsSchema } from "@/lib/api/id-params";
import { defineApiRouteGroup } from "@/lib/api/route-spec";
import { createFlowSchema, updateFlowSchema } from "./schemas";
import { deletedFlowSchema, flowGraphSchema, flowListSchema, flowSummarySchema } from "./view-schemas";

const defineRoute = defineApiRouteGroup({ tags: ["Flows"], auth: "session-or-api-key" });

export const listFlowsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/flows",
  summary: "List flows with their source and destination counts, status and records delivered today",
  response: flowListSchema,
});

export const createFlowRoute = defineRoute({
  method: "POST",
  path: "/api/v1/flows",
  summary: "Create an empty flow",
  body: createFlowSchema,
  response: flowSummarySchema,
  status: 201,
});

export const getFlowRoute = defineRoute({
  method: "GET",
  path: "/api/v1/flows/{id}",
  summary:
    "A flow's canvas: nodes (sources, Nexsets, destinations, response sources) with live figures, edges and the saved layout",
  params: idParamsSchema,
  response: flowGraphSchema,
  errors: [404],
});

export const updateFlowRoute = defineRoute({
  method: "PUT",
  path: "/api/v1/flows/{id}",
  summary: "Rename a flow and/or save its layout (the definition's node positions)",
  description:
    "Positions of nodes that are not in the flow are dropped; edges are always derived from the rows and never stored.",
  params: idParamsSchema,
  body: updateFlowSchema,
  response: flowGraphSchema,
  errors: [404],
});

export const deleteFlowRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/flows/{id}",
  summary: "Delete a flow with its sources, Nexsets, destinations and response sources",
  params: idParamsSchema,
  response: deletedFlowSchema,
  errors: [404],
});

export const flowRoutes = [listFlowsRoute, createFlowRoute, getFlowRoute, updateFlowRoute, deleteFlowRoute] as const;
