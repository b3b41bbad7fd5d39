"use client";

import { useQuery } from "@tanstack/react-query";
import { credentialListSchema } from "@/lib/credentials/api-routes";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

export function useCredentials() {
  return useQuery({
    queryKey: credentialKeys.list(),
    queryFn: async () => (await fetchJson("/api/v1/credentials", { schema: credentialListSchema })).credentials,
  });
}
