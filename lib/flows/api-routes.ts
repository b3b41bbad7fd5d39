import { defineApiRoute } from "@/lib/api/route-spec";
import { createFlowSchema, flowIdParamsSchema, updateFlowSchema } from "./schemas";
import { deletedFlowSchema, flowGraphSchema, flowListSchema, flowSummarySchema } from "./view-schemas";

const tags = ["Flows"];
const auth = "session-or-api-key" as const;

export const listFlowsRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/flows",
  summary: "List flows with their source and destination counts, status and records delivered today",
  tags,
  auth,
  response: flowListSchema,
});

export const createFlowRoute = defineApiRoute({
  method: "POST",
  path: "/api/v1/flows",
  summary: "Create an empty flow",
  tags,
  auth,
  body: createFlowSchema,
  response: flowSummarySchema,
  status: 201,
});

export const getFlowRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/flows/{id}",
  summary:
    "A flow's canvas: nodes (sources, Nexsets, destinations, response sources) with live figures, edges and the saved layout",
  tags,
  auth,
  params: flowIdParamsSchema,
  response: flowGraphSchema,
  errors: [404],
});

export const updateFlowRoute = defineApiRoute({
  method: "PUT",
  path: "/api/v1/flows/{id}",
  summary: "Rename a flow and/or save its layout (the definition's node positions)",
  description:
    "Positions of nodes that are not in the flow are dropped; edges are always derived from the rows and never stored.",
  tags,
  auth,
  params: flowIdParamsSchema,
  body: updateFlowSchema,
  response: flowGraphSchema,
  errors: [404],
});

export const deleteFlowRoute = defineApiRoute({
  method: "DELETE",
  path: "/api/v1/flows/{id}",
  summary: "Delete a flow with its sources, Nexsets, destinations and response sources",
  tags,
  auth,
  params: flowIdParamsSchema,
  response: deletedFlowSchema,
  errors: [404],
});

export const flowRoutes = [listFlowsRoute, createFlowRoute, getFlowRoute, updateFlowRoute, deleteFlowRoute] as const;
