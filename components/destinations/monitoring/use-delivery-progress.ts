"use client";

import { useQuery } from "@tanstack/react-query";
import { deliveryProgressSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath, pollIntervalFor } from "./polling";

/** Progress and the live status; it polls fast while the destination is active. */
export function useDeliveryProgress(destinationId: string, busy = false) {
  return useQuery({
    queryKey: deliveryKeys.progress(destinationId),
    queryFn: () => fetchJson(destinationApiPath(destinationId, "progress"), { schema: deliveryProgressSchema }),
    refetchInterval: (query) => pollIntervalFor(query.state.data?.status, busy),
    staleTime: 0,
  });
}
