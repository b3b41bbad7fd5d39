"use client";

import { useState } from "react";
import type { SourceRunView } from "@/lib/sources/schemas";
import { RunDebugView } from "./run-debug-view";
import { useSourceRuns } from "./use-source-runs";

const RUN_TONE: Record<string, string> = { succeeded: "badge-success", failed: "badge-danger" };
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function RunRow({ run }: { run: SourceRunView }) {
  const [open, setOpen] = useState(false);
  const started = new Date(run.startedAt);
  return (
    <>
      <tr>
        <td>{dateFormat.format(started)}</td>
        <td>
          <span className={["badge", RUN_TONE[run.status] ?? ""].join(" ")}>{run.status}</span>
        </td>
        <td>{run.recordsAdded.toLocaleString()}</td>
        <td className="muted">{run.error ?? ""}</td>
        <td className="actions">
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            aria-label={`Debug run of ${dateFormat.format(started)}`}
          >
            {open ? "Hide debug" : "Debug"}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <RunDebugView steps={run.steps} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Every run (uploads and Intercom fetches) with its counts and status, and its debug view. */
export function SourceRuns({ sourceId }: { sourceId: string }) {
  const { data, error, isPending } = useSourceRuns(sourceId);
  return (
    <section className="card" aria-labelledby="runs-title">
      <h2 id="runs-title" className="card-title">
        Runs
      </h2>
      <p className="card-description">
        Each upload or fetch, with what it added. Open a run&apos;s debug view to see each step&apos;s input and output.
      </p>
      {isPending ? (
        <p className="muted">Loading runs…</p>
      ) : error ? (
        <div className="alert alert-error">Could not load runs: {error.message}</div>
      ) : data.runs.length === 0 ? (
        <p className="muted">No runs yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Runs</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Records added</th>
              <th scope="col">Error</th>
              <th scope="col" className="actions">
                <span className="visually-hidden">Debug</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.runs.map((run) => (
              <RunRow key={run.id} run={run} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
