"use client";

import { intercomSourceConfigSchema, type SourceDetail } from "@/lib/sources/schemas";
import { IntercomSettingsForm } from "./intercom-settings-form";
import { useRunSource } from "./use-run-source";

/** An Intercom source's connection, its editable settings and "Run now". Runs are listed below with their debug view. */
export function IntercomSourcePanel({ source }: { source: SourceDetail }) {
  const runSource = useRunSource();
  const config = intercomSourceConfigSchema.safeParse(source.settings);
  const busy = source.lastRun?.status === "queued" || source.lastRun?.status === "running";
  return (
    <section className="card" aria-labelledby="intercom-settings-title">
      <h2 id="intercom-settings-title" className="card-title">
        Intercom
      </h2>
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "4px 16px", margin: "0 0 16px" }}>
        <dt className="muted">Connection</dt>
        <dd style={{ margin: 0 }}>
          {!source.credential
            ? "Deleted — choose a new source"
            : "personalTo" in source.credential
              ? `Personal to ${source.credential.personalTo}`
              : `${source.credential.name} (${source.credential.region})`}
        </dd>
      </dl>
      {config.success ? (
        <IntercomSettingsForm key={source.id} source={source} config={config.data} />
      ) : (
        <p className="field-error">This source&apos;s settings are unreadable: {config.error.issues[0]?.message}</p>
      )}
      <div style={{ marginTop: 16 }}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => runSource.mutate(source.id)}
          disabled={busy || runSource.isPending}
        >
          {busy ? "Running…" : "Run now"}
        </button>
        {runSource.error && <span className="field-error"> {runSource.error.message}</span>}
      </div>
    </section>
  );
}
