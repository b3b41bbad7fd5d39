import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { sendTestRoute } from "@/lib/destinations/api-routes";
import { sendTest } from "@/lib/destinations/send-test";

export const dynamic = "force-dynamic";

export const POST = withApi(sendTestRoute, ({ org, body }) => sendTest(db(), viewerOf(org), body));
