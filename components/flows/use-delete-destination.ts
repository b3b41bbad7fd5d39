"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

export function useDeleteDestination(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (destinationId: string) =>
      fetchJson(`/api/v1/destinations/${encodeURIComponent(destinationId)}`, { method: "DELETE" }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.graph(flowId) }),
        queryClient.invalidateQueries({ queryKey: flowKeys.list() }),
      ]),
  });
}
