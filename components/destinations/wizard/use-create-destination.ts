"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { destinationViewSchema } from "@/lib/destinations/destination-view";
import type { DestinationInput } from "@/lib/destinations/schemas";
import { destinationKeys } from "@/lib/query/keys/destinations";
import { fetchJson } from "@/lib/query/fetch-json";

export function useCreateDestination() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DestinationInput & { flowId?: string }) =>
      fetchJson("/api/v1/destinations", { method: "POST", json: input, schema: destinationViewSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: destinationKeys.list() }),
  });
}
