"use client";

import { useMutation } from "@tanstack/react-query";
import { rotatedTokenSchema } from "@/lib/flows/source-inputs";
import { fetchJson } from "@/lib/query/fetch-json";

/** A new webhook URL; the answer holds the token, which is never shown again. */
export function useRotateWebhookToken(sourceId: string) {
  return useMutation({
    mutationFn: () =>
      fetchJson(`/api/v1/sources/${encodeURIComponent(sourceId)}/rotate-token`, {
        method: "POST",
        schema: rotatedTokenSchema,
      }),
  });
}
