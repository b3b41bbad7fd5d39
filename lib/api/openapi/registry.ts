import { credentialApiRoutes } from "@/lib/credentials/api-routes";
import { deliveryApiRoutes } from "@/lib/delivery/api-routes";
import { destinationApiRoutes } from "@/lib/destinations/api-routes";
import { flowRoutes } from "@/lib/flows/api-routes";
import { nexsetRoutes } from "@/lib/nexsets/api-routes";
import { sourceRoutes } from "@/lib/sources/api-routes";
import type { AnyApiRouteSpec } from "../route-spec";
import { healthRoute } from "../routes/health";
import { meRoute } from "../routes/me";
import { openApiDocumentRoute } from "../routes/openapi-document";

/**
 * Every public route, as /api/v1/openapi.json describes it. To add yours: define it with
 * defineApiRoute (in lib/<domain>/api-routes.ts), use that spec as withApi's options in the
 * route.ts, and append it here. A test checks the document renders and is valid OpenAPI 3.1.
 */
export const publicApiRoutes: readonly AnyApiRouteSpec[] = [
  healthRoute,
  openApiDocumentRoute,
  meRoute,
  ...flowRoutes,
  ...sourceRoutes,
  ...nexsetRoutes,
  ...deliveryApiRoutes,
  ...destinationApiRoutes,
  ...credentialApiRoutes,
];
