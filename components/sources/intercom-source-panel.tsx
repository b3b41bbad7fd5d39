"use client";

import { useState } from "react";
import { intercomSourceConfigSchema, scheduleMinutesSchema, type SourceDetail } from "@/lib/sources/schemas";
import { INTERCOM_OPERATION_LABELS } from "./intercom-operations";
import { useRunSource } from "./use-run-source";
import { useUpdateSource } from "./use-update-source";

function ScheduleForm({ source }: { source: SourceDetail }) {
  const [minutes, setMinutes] = useState(source.scheduleMinutes ? String(source.scheduleMinutes) : "");
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateSource(source.id);

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = scheduleMinutesSchema.nullable().safeParse(minutes.trim() === "" ? null : Number(minutes));
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? "Enter a number of minutes");
    setProblem(null);
    update.mutate({ scheduleMinutes: parsed.data });
  }

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="schedule-minutes">Run every N minutes</label>
        <input
          id="schedule-minutes"
          className="input"
          type="number"
          min={1}
          value={minutes}
          placeholder="Off"
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={problem ? true : undefined}
        />
        <span className="field-hint">
          {source.nextRunAt
            ? `Next run ${new Date(source.nextRunAt).toLocaleString()}.`
            : "Not scheduled; empty turns the schedule off."}
        </span>
        {(problem ?? update.error?.message) && <span className="field-error">{problem ?? update.error?.message}</span>}
      </div>
      <button type="submit" className="btn" disabled={update.isPending}>
        Save schedule
      </button>
    </form>
  );
}

/** An Intercom source's settings, its schedule and "Run now". Runs are listed below with their debug view. */
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
          {source.credential
            ? `${source.credential.name} (${source.credential.region})`
            : "Deleted — choose a new source"}
        </dd>
        <dt className="muted">Operation</dt>
        <dd style={{ margin: 0 }}>{config.success ? INTERCOM_OPERATION_LABELS[config.data.operation] : "Unknown"}</dd>
        <dt className="muted">Per page</dt>
        <dd style={{ margin: 0 }}>{config.success ? config.data.perPage : "—"}</dd>
      </dl>
      <ScheduleForm source={source} />
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
