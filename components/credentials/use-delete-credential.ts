"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

export function useDeleteCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/credentials/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
}
