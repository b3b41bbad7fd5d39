"use client";

import { useState } from "react";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { currentReturnPath, useStartOAuth } from "./use-start-oauth";

/** Reconnect: Connect with Intercom again for this connection; its destinations keep it. */
export function ReconnectButton({ credentialId, onBeforeLeave }: { credentialId: string; onBeforeLeave?: () => void }) {
  const startOAuth = useStartOAuth();
  const [problem, setProblem] = useState<string | undefined>();
  const reconnect = async () => {
    setProblem(undefined);
    try {
      const { authorizeUrl } = await startOAuth.mutateAsync({ credentialId, returnTo: currentReturnPath() });
      onBeforeLeave?.();
      window.location.assign(authorizeUrl);
    } catch (error) {
      setProblem(error instanceof ApiRequestError ? error.message : "Could not start reconnecting");
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" disabled={startOAuth.isPending} onClick={() => void reconnect()}>
        {startOAuth.isPending ? "Opening Intercom…" : "Reconnect"}
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
