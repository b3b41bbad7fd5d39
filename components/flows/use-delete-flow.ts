"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deletedFlowSchema } from "@/lib/flows/view-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

export function useDeleteFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (flowId: string) =>
      fetchJson(`/api/v1/flows/${encodeURIComponent(flowId)}`, { method: "DELETE", schema: deletedFlowSchema }),
    onSuccess: (_result, flowId) => {
      queryClient.removeQueries({ queryKey: flowKeys.graph(flowId) });
      return queryClient.invalidateQueries({ queryKey: flowKeys.list() });
    },
  });
}
