"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type CreateDataAttributeInput, dataAttributeViewSchema } from "@/lib/credentials/data-attribute-schemas";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

/** "Create in Intercom": POST /data_attributes through the credential; the list is read again after. */
export function useCreateDataAttribute(credentialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDataAttributeInput) =>
      fetchJson(`/api/v1/credentials/${encodeURIComponent(credentialId)}/data-attributes`, {
        method: "POST",
        json: input,
        schema: dataAttributeViewSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.dataAttributes(credentialId) }),
  });
}
