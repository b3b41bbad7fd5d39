"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { sourceKeys } from "@/lib/query/keys/sources";
import { sourceDetailSchema } from "@/lib/sources/schemas";

export function useSource(sourceId: string) {
  return useQuery({
    queryKey: sourceKeys.detail(sourceId),
    queryFn: () => fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}`, { schema: sourceDetailSchema }),
    refetchInterval: 3_000,
  });
}
