"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { nexsetViewSchema } from "@/lib/nexsets/schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { nexsetKeys, type RecordPageParams } from "@/lib/query/keys/nexsets";

/** The Nexset view with one page of records; the previous page stays shown while the next loads. */
export function useNexset(nexsetId: string, params: RecordPageParams) {
  return useQuery({
    queryKey: nexsetKeys.view(nexsetId, params),
    queryFn: () => {
      const query = new URLSearchParams({
        page: String(params.page),
        pageSize: String(params.pageSize),
        order: params.order,
      });
      return fetchJson(`/api/v1/nexsets/${encodeURIComponent(nexsetId)}?${query.toString()}`, {
        schema: nexsetViewSchema,
      });
    },
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}
