"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createdSourceSchema, type CreateSourceBody } from "@/lib/flows/source-inputs";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSourceBody) =>
      fetchJson("/api/v1/sources", { method: "POST", json: input, schema: createdSourceSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: flowKeys.all }),
  });
}
