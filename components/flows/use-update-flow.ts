"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UpdateFlowInput } from "@/lib/flows/schemas";
import { flowGraphSchema } from "@/lib/flows/view-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

/** Renames a flow or saves its layout; the answer is the fresh graph, so no refetch is needed. */
export function useUpdateFlow(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateFlowInput) =>
      fetchJson(`/api/v1/flows/${encodeURIComponent(flowId)}`, { method: "PUT", json: input, schema: flowGraphSchema }),
    onSuccess: (graph, input) => {
      queryClient.setQueryData(flowKeys.graph(flowId), graph);
      if (input.name !== undefined) return queryClient.invalidateQueries({ queryKey: flowKeys.list() });
    },
  });
}
