"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateFlowInput } from "@/lib/flows/schemas";
import { flowSummarySchema } from "@/lib/flows/view-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { flowKeys } from "@/lib/query/keys/flows";

export function useCreateFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFlowInput) =>
      fetchJson("/api/v1/flows", { method: "POST", json: input, schema: flowSummarySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: flowKeys.list() }),
  });
}
