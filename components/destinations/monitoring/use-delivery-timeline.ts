"use client";

import { useQuery } from "@tanstack/react-query";
import { deliveryTimelineSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath, pollIntervalFor } from "./polling";

export function useDeliveryTimeline(destinationId: string, status: string | undefined, minutes = 60) {
  return useQuery({
    queryKey: deliveryKeys.timeline(destinationId, minutes),
    queryFn: () =>
      fetchJson(destinationApiPath(destinationId, `timeline?minutes=${minutes}`), { schema: deliveryTimelineSchema }),
    refetchInterval: pollIntervalFor(status),
    staleTime: 0,
  });
}
