"use client";

import type { ApiKeySummary } from "@/lib/api-keys/schemas";
import { useApiKeys } from "./use-api-keys";
import { useRevokeApiKey } from "./use-revoke-api-key";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const formatDate = (date: Date | null) => (date ? dateFormat.format(date) : "Never");

function ApiKeyRow({ apiKey }: { apiKey: ApiKeySummary }) {
  const revoke = useRevokeApiKey();
  const revoked = apiKey.revokedAt !== null;
  function onRevoke() {
    if (window.confirm(`Revoke “${apiKey.name}”? Anything using it will stop working at once.`))
      revoke.mutate(apiKey.id);
  }
  return (
    <tr>
      <td>
        <strong>{apiKey.name}</strong>
        <div className="field-hint">by {apiKey.createdBy.name}</div>
      </td>
      <td>
        <code>fg_{apiKey.prefix}_…</code>
      </td>
      <td>{formatDate(apiKey.createdAt)}</td>
      <td>{formatDate(apiKey.lastUsedAt)}</td>
      <td>
        {revoked ? (
          <span className="badge badge-danger">Revoked</span>
        ) : (
          <span className="badge badge-success">Active</span>
        )}
      </td>
      <td className="actions">
        {!revoked && (
          <button
            type="button"
            className="btn btn-small btn-danger"
            onClick={onRevoke}
            disabled={revoke.isPending}
            aria-label={`Revoke ${apiKey.name}`}
          >
            {revoke.isPending ? "Revoking…" : "Revoke"}
          </button>
        )}
        {revoke.error && <div className="field-error">{revoke.error.message}</div>}
      </td>
    </tr>
  );
}

export function ApiKeysTable() {
  const { data, error, isPending } = useApiKeys();
  if (isPending) return <p className="muted">Loading keys…</p>;
  if (error) return <div className="alert alert-error">Could not load API keys: {error.message}</div>;
  if (data.length === 0)
    return (
      <p className="muted" style={{ marginTop: 20 }}>
        No API keys yet.
      </p>
    );
  return (
    <table className="table" style={{ marginTop: 20 }}>
      <caption className="visually-hidden">API keys</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          <th scope="col" className="actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((apiKey) => (
          <ApiKeyRow key={apiKey.id} apiKey={apiKey} />
        ))}
      </tbody>
    </table>
  );
}
