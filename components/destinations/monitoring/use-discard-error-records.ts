"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ErrorSelection } from "@/lib/delivery/error-records";
import { errorDiscardResultSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath } from "./polling";

/** Discards error records; progress changes too (discarded records no longer count as waiting). */
export function useDiscardErrorRecords(destinationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (selection: ErrorSelection) =>
      fetchJson(destinationApiPath(destinationId, "errors/discard"), {
        method: "POST",
        json: selection,
        schema: errorDiscardResultSchema,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: deliveryKeys.errors(destinationId) }),
        queryClient.invalidateQueries({ queryKey: deliveryKeys.progress(destinationId) }),
      ]),
  });
}
