"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DestinationConfig } from "@/lib/destinations/schemas";
import { sendTestResultSchema } from "@/lib/destinations/send-test-schemas";
import { destinationKeys } from "@/lib/query/keys/destinations";
import { fetchJson } from "@/lib/query/fetch-json";

export interface SendTestVariables {
  nexsetId: string;
  credentialId: string;
  config: DestinationConfig;
  requestIndex: number;
  body?: string;
}

/** Send Test Data: for a saved destination the call lands in its activity log, hence the invalidation. */
export function useSendTest(destinationId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ nexsetId, ...rest }: SendTestVariables) =>
      destinationId
        ? fetchJson(`/api/v1/destinations/${encodeURIComponent(destinationId)}/test`, {
            method: "POST",
            json: rest,
            schema: sendTestResultSchema,
          })
        : fetchJson("/api/v1/destinations/test", {
            method: "POST",
            json: { nexsetId, ...rest },
            schema: sendTestResultSchema,
          }),
    onSuccess: () =>
      destinationId ? queryClient.invalidateQueries({ queryKey: destinationKeys.detail(destinationId) }) : undefined,
  });
}
