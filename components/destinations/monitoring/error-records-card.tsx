"use client";

import { useState } from "react";
import type { ErrorSelection } from "@/lib/delivery/error-records";
import { ERROR_RECORD_STATUS_VALUES } from "@/lib/delivery/monitoring/monitoring-schemas";
import { ErrorRecordRow } from "./error-record-row";
import { FilterSelect } from "./filter-select";
import { formatCount } from "./format";
import styles from "./monitoring.module.css";
import { pollIntervalFor } from "./polling";
import { useDiscardErrorRecords } from "./use-discard-error-records";
import { ERROR_PAGE_SIZE, useErrorRecords } from "./use-error-records";
import { useReplayErrorRecords } from "./use-replay-error-records";

// Records Intercom refused, with the reason and the exchange. The user fixes the destination, then
// replays one, a selection or all (a worker re-sends them with the current settings), or discards them.

const STATUS_LABELS: Record<string, string> = { open: "Open", replayed: "Replayed", discarded: "Discarded" };
const STATUS_OPTIONS = ERROR_RECORD_STATUS_VALUES.map((value) => ({ value, label: STATUS_LABELS[value] ?? value }));

interface Props {
  destinationId: string;
  status: string;
  /** A replay is queued: the page polls fast until it has had time to run. */
  replayBusy: boolean;
  onReplayQueued: () => void;
}

function describe(selection: ErrorSelection): string {
  return "all" in selection
    ? "all open error records"
    : `${selection.ids.length} error record${selection.ids.length === 1 ? "" : "s"}`;
}

export function ErrorRecordsCard({ destinationId, status, replayBusy, onReplayQueued }: Props) {
  const [filter, setFilter] = useState<string>("open");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const { data, error, isPending } = useErrorRecords(destinationId, filter, pollIntervalFor(status, replayBusy));
  const replay = useReplayErrorRecords(destinationId);
  const discard = useDiscardErrorRecords(destinationId);
  const items = data?.items ?? [];
  const openIds = items.filter((r) => r.status === "open").map((r) => r.id);
  // Records replayed or discarded since they were ticked drop out of the selection by themselves.
  const chosen = openIds.filter((id) => selected.has(id));
  const busy = replay.isPending || discard.isPending;

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function runReplay(selection: ErrorSelection) {
    setNotice(null);
    replay.mutate(selection, {
      onSuccess: ({ queued }) => {
        setSelected(new Set());
        onReplayQueued();
        setNotice(
          queued === 0
            ? "Nothing to replay: those error records are no longer open."
            : `Replay queued for ${formatCount(queued)} error record${queued === 1 ? "" : "s"}. This list updates as they are re-sent with the current settings.`,
        );
      },
    });
  }

  function runDiscard(selection: ErrorSelection) {
    if (
      !window.confirm(
        `Discard ${describe(selection)}? Their records will not be sent to Intercom, and this cannot be undone.`,
      )
    )
      return;
    setNotice(null);
    discard.mutate(selection, {
      onSuccess: ({ discarded }) => {
        setSelected(new Set());
        setNotice(`Discarded ${formatCount(discarded)} error record${discarded === 1 ? "" : "s"}.`);
      },
    });
  }

  const failure = replay.error ?? discard.error;
  return (
    <section className={`card ${styles.section}`} aria-labelledby="errors-title">
      <h2 id="errors-title" className="card-title">
        Error records
      </h2>
      <p className="card-description">
        Records Intercom refused (4xx other than 429), with its answer. Fix the destination&apos;s settings, then replay
        them — or discard them.
      </p>
      <div className={styles.toolbar}>
        <FilterSelect
          id="error-status"
          label="Show"
          value={filter}
          onChange={(value) => (setFilter(value), setSelected(new Set()))}
          options={STATUS_OPTIONS}
        />
        <div className={styles.spacer} />
        {filter === "open" && (
          <>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || chosen.length === 0}
              onClick={() => runReplay({ ids: chosen })}
            >
              Replay selected ({chosen.length})
            </button>
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy || openIds.length === 0}
              onClick={() => runReplay({ all: true })}
            >
              Replay all
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={busy || chosen.length === 0}
              onClick={() => runDiscard({ ids: chosen })}
            >
              Discard selected ({chosen.length})
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={busy || openIds.length === 0}
              onClick={() => runDiscard({ all: true })}
            >
              Discard all
            </button>
          </>
        )}
      </div>
      {notice && (
        <div className="alert alert-success" role="status" style={{ marginBottom: 12 }}>
          {notice}
        </div>
      )}
      {failure && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
          {failure.message}
        </div>
      )}
      {error && !data && <div className="alert alert-error">Could not load error records: {error.message}</div>}
      {isPending && <p className="muted">Loading error records…</p>}
      {data && items.length === 0 && (
        <p className="muted" data-testid="errors-empty">
          {filter === "open"
            ? "No open error records: every record sent so far was accepted."
            : `No ${STATUS_LABELS[filter]?.toLowerCase()} error records.`}
        </p>
      )}
      {items.length > 0 && (
        <div className={styles.tableWrap}>
          <table className="table" aria-label="Error records">
            <thead>
              <tr>
                <th scope="col">
                  {filter === "open" && (
                    <input
                      type="checkbox"
                      aria-label="Select all error records"
                      checked={chosen.length > 0 && chosen.length === openIds.length}
                      onChange={(e) => setSelected(new Set(e.target.checked ? openIds : []))}
                    />
                  )}
                </th>
                <th scope="col">Records</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((record) => (
                <ErrorRecordRow
                  key={record.id}
                  record={record}
                  selected={selected.has(record.id)}
                  onToggle={toggle}
                  onReplay={(id) => runReplay({ ids: [id] })}
                  busy={busy}
                />
              ))}
            </tbody>
          </table>
          {data?.nextCursor && (
            <p className="field-hint">
              Showing the newest {ERROR_PAGE_SIZE}. Replay all and Discard all act on every open error record.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
