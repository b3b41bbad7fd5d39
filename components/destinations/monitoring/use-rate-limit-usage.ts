"use client";

import { useQuery } from "@tanstack/react-query";
import { rateLimitUsageSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath, pollIntervalFor } from "./polling";

export function useRateLimitUsage(destinationId: string, status: string | undefined) {
  return useQuery({
    queryKey: deliveryKeys.rateLimit(destinationId),
    queryFn: () => fetchJson(destinationApiPath(destinationId, "rate-limit"), { schema: rateLimitUsageSchema }),
    refetchInterval: pollIntervalFor(status),
    staleTime: 0,
  });
}
