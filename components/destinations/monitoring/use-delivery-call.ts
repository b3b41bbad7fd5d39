"use client";

import { useQuery } from "@tanstack/react-query";
import { deliveryCallDetailSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath } from "./polling";

/** One call in full for the debug view; a recorded call never changes, so it is fetched once. */
export function useDeliveryCall(destinationId: string, callId: string | null) {
  return useQuery({
    queryKey: deliveryKeys.call(destinationId, callId ?? ""),
    queryFn: () =>
      fetchJson(destinationApiPath(destinationId, `calls/${encodeURIComponent(callId ?? "")}`), {
        schema: deliveryCallDetailSchema,
      }),
    enabled: callId !== null,
    staleTime: Infinity,
  });
}
