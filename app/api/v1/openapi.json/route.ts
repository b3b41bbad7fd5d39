import { renderOpenApiDocument } from "@/lib/api/openapi/render-openapi";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import { openApiDocumentRoute } from "@/lib/api/routes/openapi-document";
import { withApi } from "@/lib/api/with-api";
import { appUrl } from "@/lib/auth/config";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = withApi(openApiDocumentRoute, () =>
  renderOpenApiDocument(publicApiRoutes, { serverUrl: appUrl(), version: packageJson.version }),
);
