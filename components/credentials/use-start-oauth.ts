"use client";

import { useMutation } from "@tanstack/react-query";
import { type StartOAuthInput, startOAuthResultSchema } from "@/lib/credentials/schemas";
import { fetchJson } from "@/lib/query/fetch-json";

/** Connect with Intercom (or Reconnect, with a credential id): where to send the browser to consent. */
export function useStartOAuth() {
  return useMutation({
    mutationFn: (input: StartOAuthInput | { credentialId: string; returnTo: string }) =>
      "credentialId" in input
        ? fetchJson(`/api/v1/credentials/${encodeURIComponent(input.credentialId)}/reconnect`, {
            method: "POST",
            json: { returnTo: input.returnTo },
            schema: startOAuthResultSchema,
          })
        : fetchJson("/api/v1/credentials/oauth/start", { method: "POST", json: input, schema: startOAuthResultSchema }),
  });
}

/** This page, as the place Intercom's consent should come back to (without a previous outcome). */
export function currentReturnPath(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete("connected");
  url.searchParams.delete("oauthError");
  return `${url.pathname}${url.search}`;
}
