"use client";

import { useQuery } from "@tanstack/react-query";
import { sourceRunListSchema } from "@/lib/flows/source-inputs";
import { fetchJson } from "@/lib/query/fetch-json";
import { sourceKeys } from "@/lib/query/keys/sources";

/** The latest runs with their steps (the debug view), polled while runs come and go. */
export function useSourceRuns(sourceId: string) {
  return useQuery({
    queryKey: sourceKeys.runs(sourceId),
    queryFn: () =>
      fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}/runs?limit=20`, { schema: sourceRunListSchema }),
    refetchInterval: 3_000,
  });
}
