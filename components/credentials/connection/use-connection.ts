"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  credentialUsageSchema,
  publicCredentialSchema,
  type ReplaceTokenInput,
  type TryRequestInput,
  tryRequestResultSchema,
  type UpdateCredentialInput,
} from "@/lib/credentials/schemas";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

const base = (id: string) => `/api/v1/credentials/${encodeURIComponent(id)}`;

export function useConnection(id: string) {
  return useQuery({
    queryKey: credentialKeys.detail(id),
    queryFn: () => fetchJson(base(id), { schema: publicCredentialSchema }),
  });
}

export function useConnectionUsage(id: string) {
  return useQuery({
    queryKey: credentialKeys.usage(id),
    queryFn: () => fetchJson(`${base(id)}/usage`, { schema: credentialUsageSchema }),
  });
}

export function useUpdateConnection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateCredentialInput) =>
      fetchJson(base(id), { method: "PATCH", json: input, schema: publicCredentialSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
}

export function useReplaceToken(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReplaceTokenInput) =>
      fetchJson(`${base(id)}/token`, { method: "PUT", json: input, schema: publicCredentialSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
}

/** Try a request: nothing cached; the page keeps a short history of answers. */
export function useTryRequest(id: string) {
  return useMutation({
    mutationFn: (input: TryRequestInput) =>
      fetchJson(`${base(id)}/request`, { method: "POST", json: input, schema: tryRequestResultSchema }),
  });
}
