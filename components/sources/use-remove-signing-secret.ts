"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { sourceKeys } from "@/lib/query/keys/sources";

export function useRemoveSigningSecret(sourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}/signing-secret`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sourceKeys.detail(sourceId) }),
  });
}
