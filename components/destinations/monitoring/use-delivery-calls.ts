"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { deliveryCallPageSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { type CallFilters, deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath, pollIntervalFor } from "./polling";

export const CALLS_PAGE_SIZE = 25;

/** One page of the activity log. Only the newest page polls: older pages do not change. */
export function useDeliveryCalls(
  destinationId: string,
  filters: CallFilters,
  cursor: string | null,
  status: string | undefined,
) {
  const params = new URLSearchParams({ limit: String(CALLS_PAGE_SIZE) });
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.recordOutcome) params.set("recordOutcome", filters.recordOutcome);
  if (cursor) params.set("cursor", cursor);
  return useQuery({
    queryKey: deliveryKeys.callPage(destinationId, filters, cursor),
    queryFn: () => fetchJson(destinationApiPath(destinationId, `calls?${params}`), { schema: deliveryCallPageSchema }),
    refetchInterval: cursor ? false : pollIntervalFor(status),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
