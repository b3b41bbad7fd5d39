"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { flowKeys } from "@/lib/query/keys/flows";

export type DestinationStatusAction = "activate" | "pause";

/** Activate or pause a destination from its node (the destination page's lifecycle routes). */
export function useChangeDestinationStatus(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ destinationId, action }: { destinationId: string; action: DestinationStatusAction }) =>
      fetchJson(`/api/v1/destinations/${encodeURIComponent(destinationId)}/${action}`, { method: "POST" }),
    onSuccess: (_result, { destinationId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.graph(flowId) }),
        queryClient.invalidateQueries({ queryKey: deliveryKeys.destination(destinationId) }),
      ]),
  });
}
