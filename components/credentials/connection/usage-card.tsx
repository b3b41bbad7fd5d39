"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDeleteCredential } from "../use-delete-credential";
import { useConnectionUsage } from "./use-connection";

/** What uses the connection, and Delete (refused while a destination uses it). */
export function UsageCard({ credentialId }: { credentialId: string }) {
  const usage = useConnectionUsage(credentialId);
  const remove = useDeleteCredential();
  const router = useRouter();
  const [problem, setProblem] = useState<string | undefined>();
  const destinations = usage.data?.destinations ?? [];
  const sources = usage.data?.sources ?? [];

  const deleteIt = async () => {
    const also = sources.length ? ` ${sources.length} source(s) will run without a connection.` : "";
    if (!window.confirm(`Delete this connection and its token?${also}`)) return;
    try {
      await remove.mutateAsync(credentialId);
      router.push("/credentials");
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The connection could not be deleted");
    }
  };

  return (
    <section className="card" aria-labelledby="usage-title">
      <h2 className="card-title" id="usage-title">
        Used by
      </h2>
      {usage.isPending && <p className="muted">Loading…</p>}
      {usage.data && destinations.length + sources.length === 0 && <p className="muted">Nothing uses it yet.</p>}
      {destinations.length > 0 && (
        <ul aria-label="Destinations using this connection">
          {destinations.map((d) => (
            <li key={d.id}>
              Destination <Link href={`/destinations/${encodeURIComponent(d.id)}`}>{d.name}</Link> ({d.status})
            </li>
          ))}
        </ul>
      )}
      {sources.length > 0 && (
        <ul aria-label="Sources using this connection">
          {sources.map((s) => (
            <li key={s.id}>
              Source <Link href={`/sources/${encodeURIComponent(s.id)}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      <div className="form-row">
        <button type="button" className="btn btn-danger" disabled={remove.isPending} onClick={() => void deleteIt()}>
          Delete connection
        </button>
      </div>
    </section>
  );
}
