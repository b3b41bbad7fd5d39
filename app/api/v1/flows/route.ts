import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { createFlowRoute, listFlowsRoute } from "@/lib/flows/api-routes";
import { createFlow } from "@/lib/flows/create-flow";
import { listFlows } from "@/lib/flows/list-flows";

export const dynamic = "force-dynamic";

export const GET = withApi(listFlowsRoute, async ({ org }) => ({ flows: await listFlows(db(), org.organisationId) }));

export const POST = withApi(createFlowRoute, ({ org, body }) => createFlow(db(), org.organisationId, body));
