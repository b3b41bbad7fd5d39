"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { destinationViewSchema } from "@/lib/destinations/destination-view";
import type { DestinationInput } from "@/lib/destinations/schemas";
import { destinationKeys } from "@/lib/query/keys/destinations";
import { fetchJson } from "@/lib/query/fetch-json";

export function useUpdateDestination(destinationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DestinationInput) =>
      fetchJson(`/api/v1/destinations/${encodeURIComponent(destinationId)}`, {
        method: "PUT",
        json: input,
        schema: destinationViewSchema,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: destinationKeys.detail(destinationId) }),
        queryClient.invalidateQueries({ queryKey: destinationKeys.list() }),
      ]),
  });
}
