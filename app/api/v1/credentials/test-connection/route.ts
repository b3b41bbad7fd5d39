import { withApi } from "@/lib/api/with-api";
import { testConnectionRoute } from "@/lib/credentials/api-routes";
import { testConnection } from "@/lib/credentials/test-credential";

export const dynamic = "force-dynamic";

export const POST = withApi(testConnectionRoute, ({ body }) => testConnection(body));
