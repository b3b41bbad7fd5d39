"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deletedSourceSchema } from "@/lib/flows/source-inputs";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";
import { sourceKeys } from "@/lib/query/keys/sources";

/** Deletes a source with its Nexset; `force` also deletes the destinations reading it (asked first). */
export function useDeleteSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, force }: { sourceId: string; force: boolean }) =>
      fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}?force=${force}`, {
        method: "DELETE",
        schema: deletedSourceSchema,
      }),
    onSuccess: (_result, { sourceId }) => {
      queryClient.removeQueries({ queryKey: sourceKeys.source(sourceId) });
      return queryClient.invalidateQueries({ queryKey: flowKeys.all });
    },
  });
}
