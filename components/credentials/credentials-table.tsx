"use client";

import Link from "next/link";
import { useState } from "react";
import type { PublicCredential, TestConnectionResult } from "@/lib/credentials/schemas";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { ReconnectButton } from "./reconnect-button";
import { TestConnectionResultView } from "./test-connection-result";
import { useDeleteCredential } from "./use-delete-credential";
import { useTestCredential } from "./use-test-credential";

export function CredentialsTable({ credentials }: { credentials: PublicCredential[] }) {
  const testCredential = useTestCredential();
  const deleteCredential = useDeleteCredential();
  const [results, setResults] = useState<Record<string, TestConnectionResult>>({});
  const [problem, setProblem] = useState<string | undefined>();

  const test = async (id: string) => {
    setProblem(undefined);
    try {
      const result = await testCredential.mutateAsync(id);
      setResults((current) => ({ ...current, [id]: result }));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The test could not be run");
    }
  };

  const remove = async (credential: PublicCredential) => {
    if (!window.confirm(`Delete the connection "${credential.name}"? Its token is deleted too.`)) return;
    setProblem(undefined);
    try {
      await deleteCredential.mutateAsync(credential.id);
    } catch (error) {
      setProblem(error instanceof ApiRequestError ? error.message : "The connection could not be deleted");
    }
  };

  return (
    <>
      {problem && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
          {problem}
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Region</th>
            <th>Workspace</th>
            <th>Token</th>
            <th>Verified</th>
            <th className="actions">Actions</th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((credential) => (
            <tr key={credential.id}>
              <td>
                <strong>
                  <Link href={`/credentials/${encodeURIComponent(credential.id)}`}>{credential.name}</Link>
                </strong>
                <div className="muted">
                  {credential.authKind === "oauth"
                    ? `OAuth · ${credential.oauthKind === "personal" ? "Personal" : "Organisational"}`
                    : "Access token"}
                </div>
                {credential.needsReconnect && (
                  <div className="field-error" role="status">
                    Needs reconnecting: {credential.needsReconnectReason ?? "Intercom refused its token"}
                  </div>
                )}
                {results[credential.id] && (
                  <div style={{ marginTop: 8 }}>
                    <TestConnectionResultView result={results[credential.id]!} />
                  </div>
                )}
              </td>
              <td>{credential.regionName}</td>
              <td>{credential.workspaceName ?? <span className="muted">—</span>}</td>
              <td>
                <code>{credential.tokenMasked}</code>
              </td>
              <td>
                {credential.verifiedAt ? (
                  new Date(credential.verifiedAt).toLocaleString()
                ) : (
                  <span className="muted">never</span>
                )}
              </td>
              <td className="actions">
                {(credential.needsReconnect || credential.authKind === "oauth") && (
                  <>
                    <ReconnectButton credentialId={credential.id} />{" "}
                  </>
                )}
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => test(credential.id)}
                  aria-label={`Test ${credential.name}`}
                >
                  Test
                </button>{" "}
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => remove(credential)}
                  aria-label={`Delete ${credential.name}`}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
