"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";
import { sourceKeys } from "@/lib/query/keys/sources";
import { sourceDetailSchema, type UpdateSourceInput } from "@/lib/sources/schemas";

export function useUpdateSource(sourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSourceInput) =>
      fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}`, {
        method: "PUT",
        json: input,
        schema: sourceDetailSchema,
      }),
    onSuccess: (detail) => {
      queryClient.setQueryData(sourceKeys.detail(sourceId), detail);
      return queryClient.invalidateQueries({ queryKey: flowKeys.all });
    },
  });
}
