import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { sendDestinationTestRoute } from "@/lib/destinations/api-routes";
import { sendDestinationTest } from "@/lib/destinations/send-test";

export const dynamic = "force-dynamic";

export const POST = withApi(sendDestinationTestRoute, ({ org, params, body }) =>
  sendDestinationTest(db(), viewerOf(org), params.id, body),
);
