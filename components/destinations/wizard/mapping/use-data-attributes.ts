"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { dataAttributeListSchema } from "@/lib/credentials/data-attribute-schemas";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { fetchJson } from "@/lib/query/fetch-json";

const path = (id: string, refresh: boolean) =>
  `/api/v1/credentials/${encodeURIComponent(id)}/data-attributes${refresh ? "?refresh=1" : ""}`;

/** The workspace's data attributes through the chosen credential (the server keeps them a few minutes). */
export function useDataAttributes(credentialId: string | undefined) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: credentialKeys.dataAttributes(credentialId ?? ""),
    queryFn: () => fetchJson(path(credentialId!, false), { schema: dataAttributeListSchema }),
    enabled: Boolean(credentialId),
    staleTime: 60_000,
    retry: false,
  });
  const refresh = async () => {
    if (!credentialId) return;
    const fresh = await fetchJson(path(credentialId, true), { schema: dataAttributeListSchema });
    queryClient.setQueryData(credentialKeys.dataAttributes(credentialId), fresh);
  };
  return { ...query, refresh };
}
