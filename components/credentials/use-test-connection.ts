"use client";

import { useMutation } from "@tanstack/react-query";
import { type TestConnectionInput, testConnectionResultSchema } from "@/lib/credentials/schemas";
import { fetchJson } from "@/lib/query/fetch-json";

/** "Test connection" before the credential is saved: nothing is stored, so nothing to invalidate. */
export function useTestConnection() {
  return useMutation({
    mutationFn: (input: TestConnectionInput) =>
      fetchJson("/api/v1/credentials/test-connection", {
        method: "POST",
        json: input,
        schema: testConnectionResultSchema,
      }),
  });
}
