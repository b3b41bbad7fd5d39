"use client";

import { useQuery } from "@tanstack/react-query";
import { nexsetRecordsPageSchema } from "@/lib/nexsets/api-routes";
import { fetchJson } from "@/lib/query/fetch-json";
import { nexsetKeys, type RecordPageParams } from "@/lib/query/keys/nexsets";

/** A page of records only (a source page's "latest records"), polled so new arrivals show up. */
export function useNexsetRecords(nexsetId: string, params: RecordPageParams) {
  return useQuery({
    queryKey: nexsetKeys.records(nexsetId, params),
    queryFn: () => {
      const query = new URLSearchParams({
        page: String(params.page),
        pageSize: String(params.pageSize),
        order: params.order,
      });
      return fetchJson(`/api/v1/nexsets/${encodeURIComponent(nexsetId)}/records?${query.toString()}`, {
        schema: nexsetRecordsPageSchema,
      });
    },
    refetchInterval: 3_000,
  });
}
