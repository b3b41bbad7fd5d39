"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { credentialKeys } from "@/lib/query/keys/credentials";
import { ConnectIntercomForm } from "./connect-intercom-form";
import { CredentialForm } from "./credential-form";
import { CredentialsTable } from "./credentials-table";
import { useCredentials } from "./use-credentials";
import { useOAuthOutcome } from "./use-oauth-outcome";

export function CredentialsPage() {
  const credentials = useCredentials();
  const [created, setCreated] = useState<string | undefined>();
  const queryClient = useQueryClient();
  const oauth = useOAuthOutcome(() => void queryClient.invalidateQueries({ queryKey: credentialKeys.all }));
  const connectedName = oauth?.connected && credentials.data?.find((c) => c.id === oauth.connected)?.name;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">Credentials</h1>
          <p className="page-subtitle">
            Intercom connections your destinations and sources send with. Tokens are stored encrypted and never shown
            again.
          </p>
        </div>
      </div>
      {oauth?.error && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: 16 }}>
          {oauth.error}
        </div>
      )}
      {oauth?.connected && (
        <div className="alert alert-success" role="status" style={{ marginBottom: 16 }}>
          Connected to Intercom{connectedName ? `: “${connectedName}”` : ""}.
        </div>
      )}
      <section className="card" aria-labelledby="connections-title">
        <h2 className="card-title" id="connections-title">
          Connections
        </h2>
        {credentials.isPending && <p className="muted">Loading…</p>}
        {credentials.isError && (
          <div className="alert alert-error" role="alert">
            {credentials.error.message}
          </div>
        )}
        {credentials.data && credentials.data.length === 0 && (
          <div className="empty-state">
            <div className="empty-state-icon" aria-hidden>
              ⚿
            </div>
            <h2>No connections yet</h2>
            <p>
              Add an Intercom access token below. Use the “Local sandbox” region to try Flowgate without an Intercom
              account.
            </p>
          </div>
        )}
        {credentials.data && credentials.data.length > 0 && <CredentialsTable credentials={credentials.data} />}
      </section>
      <section className="card" aria-labelledby="connect-intercom-title">
        <h2 className="card-title" id="connect-intercom-title">
          Connect with Intercom
        </h2>
        <p className="card-description">
          Authorize Flowgate in Intercom (OAuth). Intercom grants the permissions set on Flowgate&apos;s OAuth app. A
          personal connection is yours only; an organisational one everyone in your organisation can use.
        </p>
        <ConnectIntercomForm />
      </section>
      <section className="card" aria-labelledby="add-connection-title">
        <h2 className="card-title" id="add-connection-title">
          Add a connection with an access token
        </h2>
        <p className="card-description">Flowgate checks the token with Intercom&apos;s GET /me before saving it.</p>
        {created && (
          <div className="alert alert-success" role="status" style={{ marginBottom: 16 }}>
            Saved “{created}”.
          </div>
        )}
        <CredentialForm onCreated={(credential) => setCreated(credential.name)} />
      </section>
    </>
  );
}
