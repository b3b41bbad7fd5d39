import { withApi } from "@/lib/api/with-api";
import { viewerOf } from "@/lib/credentials/visibility";
import { rateLimitUsageRoute } from "@/lib/delivery/api-routes";
import { readRateLimitUsage } from "@/lib/delivery/monitoring/read-rate-limit-usage";
import { db } from "@/lib/db/client";
import { producerRedis } from "@/lib/redis/connection";

export const dynamic = "force-dynamic";

export const GET = withApi(rateLimitUsageRoute, ({ org, params }) =>
  readRateLimitUsage(db(), producerRedis(), viewerOf(org), params.id),
);
