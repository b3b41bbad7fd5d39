import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { deleteFlowRoute, getFlowRoute, updateFlowRoute } from "@/lib/flows/api-routes";
import { deleteFlow } from "@/lib/flows/delete-flow";
import { getFlowGraph } from "@/lib/flows/get-flow-graph";
import { updateFlow } from "@/lib/flows/update-flow";

export const dynamic = "force-dynamic";

export const GET = withApi(getFlowRoute, ({ org, params }) => getFlowGraph(db(), org.organisationId, params.id));

export const PUT = withApi(updateFlowRoute, ({ org, params, body }) =>
  updateFlow(db(), org.organisationId, params.id, body),
);

export const DELETE = withApi(deleteFlowRoute, ({ org, params }) => deleteFlow(db(), org.organisationId, params.id));
