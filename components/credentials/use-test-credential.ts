"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { testConnectionResultSchema } from "@/lib/credentials/schemas";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

/** Tests a saved credential; a success refreshes its workspace details, hence the invalidation. */
export function useTestCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson(`/api/v1/credentials/${encodeURIComponent(id)}/test`, {
        method: "POST",
        schema: testConnectionResultSchema,
      }),
    onSuccess: (result) => {
      if (result.ok) void queryClient.invalidateQueries({ queryKey: credentialKeys.all });
    },
  });
}
