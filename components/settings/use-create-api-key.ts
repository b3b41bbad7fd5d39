"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createdApiKeySchema, type CreateApiKeyInput } from "@/lib/api-keys/schemas";
import { apiKeyKeys } from "@/lib/query/keys/api-keys";
import { fetchJson } from "@/lib/query/fetch-json";

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) =>
      fetchJson("/api/api-keys", { method: "POST", json: input, schema: createdApiKeySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
