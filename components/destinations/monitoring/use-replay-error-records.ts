"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ErrorSelection } from "@/lib/delivery/error-records";
import { errorReplayResultSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationApiPath } from "./polling";

/** Queues a replay; a worker re-sends the records, so the error list keeps polling until it is done. */
export function useReplayErrorRecords(destinationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (selection: ErrorSelection) =>
      fetchJson(destinationApiPath(destinationId, "errors/replay"), {
        method: "POST",
        json: selection,
        schema: errorReplayResultSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.errors(destinationId) }),
  });
}
