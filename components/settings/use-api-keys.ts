"use client";

import { useQuery } from "@tanstack/react-query";
import { apiKeyListSchema } from "@/lib/api-keys/schemas";
import { apiKeyKeys } from "@/lib/query/keys/api-keys";
import { fetchJson } from "@/lib/query/fetch-json";

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeyKeys.list(),
    queryFn: async () => (await fetchJson("/api/api-keys", { schema: apiKeyListSchema })).apiKeys,
  });
}
