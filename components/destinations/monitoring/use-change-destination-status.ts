"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type DeliveryProgressDto, destinationStatusViewSchema } from "@/lib/delivery/monitoring/monitoring-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { deliveryKeys } from "@/lib/query/keys/delivery";
import { destinationKeys } from "@/lib/query/keys/destinations";
import { destinationApiPath } from "./polling";

export type StatusAction = "activate" | "pause" | "resume";

/** Activate, pause or resume; the new status shows at once, and every number of the page refreshes. */
export function useChangeDestinationStatus(destinationId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (action: StatusAction) =>
      fetchJson(destinationApiPath(destinationId, action), { method: "POST", schema: destinationStatusViewSchema }),
    onSuccess: async (view) => {
      queryClient.setQueryData<DeliveryProgressDto>(deliveryKeys.progress(destinationId), (old) =>
        old ? { ...old, status: view.status, statusMessage: view.statusMessage } : old,
      );
      // The header is rendered on the server (activation may create the response-webhook Nexset).
      router.refresh();
      // The status shows in destination lists and in everything this page polls.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: destinationKeys.detail(destinationId) }),
        queryClient.invalidateQueries({ queryKey: [...destinationKeys.all, "list"] }),
      ]);
    },
  });
}
