"use client";

import { useQuery } from "@tanstack/react-query";
import { flowListSchema } from "@/lib/flows/view-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

export function useFlows() {
  return useQuery({
    queryKey: flowKeys.list(),
    queryFn: async () => (await fetchJson("/api/v1/flows", { schema: flowListSchema })).flows,
    // Status and "delivered today" change while destinations run.
    refetchInterval: 5_000,
  });
}
