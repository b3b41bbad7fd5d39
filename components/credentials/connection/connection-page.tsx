"use client";

import Link from "next/link";
import { ReconnectButton } from "../reconnect-button";
import { ManageConnectionCard } from "./manage-connection-card";
import { ReplaceTokenCard } from "./replace-token-card";
import { TryRequestCard } from "./try-request-card";
import { PermissionsCard } from "./permissions-card";
import { UsageCard } from "./usage-card";
import { useConnection } from "./use-connection";

/** A connection's page: what it is, its life (rename, rate limit, token, delete) and Try a request. */
export function ConnectionPage({ credentialId }: { credentialId: string }) {
  const connection = useConnection(credentialId);
  if (connection.isPending) return <p className="muted">Loading…</p>;
  if (connection.isError)
    return (
      <div className="alert alert-error" role="alert">
        {connection.error.message} <Link href="/credentials">Back to Credentials</Link>
      </div>
    );
  const c = connection.data;
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">{c.name}</h1>
          <p className="page-subtitle">
            {c.authKind === "oauth"
              ? `OAuth · ${c.oauthKind === "personal" ? "Personal" : "Organisational"}`
              : "Access token"}{" "}
            · {c.regionName} · {c.workspaceName ?? "workspace unknown"} · token <code>{c.tokenMasked}</code> ·{" "}
            {c.rateLimitPer10s ? `${c.rateLimitPer10s} calls per 10 s` : "default rate limit"}
          </p>
        </div>
        <Link className="btn" href="/credentials">
          All connections
        </Link>
      </div>
      {c.needsReconnect && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: 16 }}>
          Needs reconnecting: {c.needsReconnectReason ?? "Intercom refused its token"}.{" "}
          {c.authKind === "oauth" ? <ReconnectButton credentialId={c.id} /> : "Replace its token below."}
        </div>
      )}
      <TryRequestCard credentialId={c.id} />
      <ManageConnectionCard connection={c} />
      <ReplaceTokenCard connection={c} />
      <PermissionsCard credentialId={c.id} />
      <UsageCard credentialId={c.id} />
    </>
  );
}
