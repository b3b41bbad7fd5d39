"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiKeySummarySchema } from "@/lib/api-keys/schemas";
import { apiKeyKeys } from "@/lib/query/keys/api-keys";
import { fetchJson } from "@/lib/query/fetch-json";

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) =>
      fetchJson(`/api/api-keys/${encodeURIComponent(apiKeyId)}`, { method: "DELETE", schema: apiKeySummarySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
