"use client";

import { useQuery } from "@tanstack/react-query";
import { errorRecordPageSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath } from "./polling";

export const ERROR_PAGE_SIZE = 200;

/** Error records with the given status, newest first; `pollMs` false stops polling. */
export function useErrorRecords(destinationId: string, status: string, pollMs: number | false) {
  return useQuery({
    queryKey: deliveryKeys.errorPage(destinationId, status),
    queryFn: () =>
      fetchJson(
        destinationApiPath(destinationId, `errors?status=${encodeURIComponent(status)}&limit=${ERROR_PAGE_SIZE}`),
        { schema: errorRecordPageSchema },
      ),
    refetchInterval: pollMs,
    staleTime: 0,
  });
}
