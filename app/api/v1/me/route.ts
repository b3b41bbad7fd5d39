import { describeCaller, meRoute } from "@/lib/api/routes/me";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(meRoute, async ({ org }) => describeCaller(org));
