"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { requestedRunSchema } from "@/lib/flows/source-inputs";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";
import { sourceKeys } from "@/lib/query/keys/sources";

/** "Run now" on an Intercom source: queues a run, which the worker performs. */
export function useRunSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) =>
      fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}/runs`, { method: "POST", schema: requestedRunSchema }),
    onSuccess: (_result, sourceId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sourceKeys.source(sourceId) }),
        queryClient.invalidateQueries({ queryKey: flowKeys.all }),
      ]),
  });
}
