"use client";

import Link from "next/link";
import { useConnectionUsage } from "./use-connection";

/** The Intercom permissions this connection's destinations need, each with the operations relying on it. */
export function PermissionsCard({ credentialId }: { credentialId: string }) {
  const usage = useConnectionUsage(credentialId);
  const groups = usage.data?.permissions ?? [];
  const uncatalogued = (usage.data?.destinations ?? []).filter((d) => d.operation === null);

  return (
    <section className="card" aria-labelledby="permissions-title">
      <h2 className="card-title" id="permissions-title">
        Intercom permissions needed
      </h2>
      <p className="muted">
        Intercom grants the permissions ticked on the app, not per request. A destination whose permission is missing
        gets a 403, reported as that permission.
      </p>
      {usage.isPending && <p className="muted">Loading…</p>}
      {usage.data && groups.length === 0 && <p className="muted">No destination on this connection needs one yet.</p>}
      {groups.length > 0 && (
        <dl aria-label="Permissions and the operations needing them">
          {groups.map((group) => (
            <div key={group.permission}>
              <dt>{group.permission}</dt>
              {group.operations.map((operation) => (
                <dd key={operation.id}>
                  {operation.name} —{" "}
                  {operation.destinations.map((d, index) => (
                    <span key={d.id}>
                      {index > 0 && ", "}
                      <Link href={`/destinations/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                    </span>
                  ))}
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
      {uncatalogued.length > 0 && (
        <p className="muted">
          Outside the catalogue (permission unknown): {uncatalogued.map((d) => d.name).join(", ")}
        </p>
      )}
    </section>
  );
}
