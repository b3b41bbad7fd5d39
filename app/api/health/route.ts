import { db } from "@/lib/db/client";
import { checkHealth } from "@/lib/health/check-health";
import { producerRedis } from "@/lib/redis/connection";

export const dynamic = "force-dynamic";

// Public: load balancers and `npm start` poll it. It reveals up/down, nothing else.
export async function GET(): Promise<Response> {
  const report = await checkHealth(db(), producerRedis());
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
