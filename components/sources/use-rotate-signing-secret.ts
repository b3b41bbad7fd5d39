"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { signingSecretSchema } from "@/lib/flows/source-inputs";
import { fetchJson } from "@/lib/query/fetch-json";
import { sourceKeys } from "@/lib/query/keys/sources";

/** Requires signatures from now on, with a new secret (shown once). */
export function useRotateSigningSecret(sourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}/signing-secret`, {
        method: "POST",
        schema: signingSecretSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sourceKeys.detail(sourceId) }),
  });
}
