"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type CreateCredentialInput, type PublicCredential, publicCredentialSchema } from "@/lib/credentials/schemas";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

export function useCreateCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCredentialInput) =>
      fetchJson("/api/v1/credentials", { method: "POST", json: input, schema: publicCredentialSchema }),
    onSuccess: (created) => {
      // Listed at once, so a picker can select it before the refetch lands.
      queryClient.setQueryData<PublicCredential[]>(credentialKeys.list(), (current) => [
        created,
        ...(current ?? []).filter((c) => c.id !== created.id),
      ]);
      return queryClient.invalidateQueries({ queryKey: credentialKeys.all });
    },
  });
}
