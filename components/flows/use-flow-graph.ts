"use client";

import { useQuery } from "@tanstack/react-query";
import { flowGraphSchema } from "@/lib/flows/view-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

/** The canvas's data, polled so status badges and counts stay live. */
export function useFlowGraph(flowId: string) {
  return useQuery({
    queryKey: flowKeys.graph(flowId),
    queryFn: () => fetchJson(`/api/v1/flows/${encodeURIComponent(flowId)}`, { schema: flowGraphSchema }),
    refetchInterval: 3_000,
  });
}
