"use client";

import { useState } from "react";
import {
  CALL_KIND_VALUES,
  CALL_OUTCOME_VALUES,
  RECORD_OUTCOME_VALUES,
} from "@/lib/delivery/monitoring/monitoring-schemas";
import type { CallFilters } from "@/lib/query/keys/delivery";
import { CallDebugView } from "./call-debug-view";
import { type FilterOption, FilterSelect } from "./filter-select";
import { formatLatency, formatSeqRange, formatTime, KIND_LABELS, outcomeOf, RECORD_OUTCOME_LABELS } from "./format";
import styles from "./monitoring.module.css";
import { HttpStatus, OutcomeBadge } from "./outcome-badge";
import { CALLS_PAGE_SIZE, useDeliveryCalls } from "./use-delivery-calls";

// The activity log: every call newest first, filterable by outcome and kind, a page at a time
// (older pages by cursor). A click on a call opens its debug view.

const FILTERS: ReadonlyArray<{
  name: keyof CallFilters;
  id: string;
  label: string;
  allLabel: string;
  options: FilterOption[];
}> = [
  {
    name: "outcome",
    id: "call-outcome",
    label: "Outcome",
    allLabel: "All outcomes",
    options: CALL_OUTCOME_VALUES.map((value) => ({ value, label: outcomeOf(value).label })),
  },
  {
    name: "recordOutcome",
    id: "call-record-outcome",
    label: "Record outcome",
    allLabel: "All records",
    options: RECORD_OUTCOME_VALUES.filter((value) => value !== "error").map((value) => ({
      value,
      label: RECORD_OUTCOME_LABELS[value]?.label ?? value,
    })),
  },
  {
    name: "kind",
    id: "call-kind",
    label: "Kind",
    allLabel: "All kinds",
    options: CALL_KIND_VALUES.map((value) => ({ value, label: KIND_LABELS[value] ?? value })),
  },
];

export function ActivityLogCard({ destinationId, status }: { destinationId: string; status: string }) {
  const [filters, setFilters] = useState<CallFilters>({});
  // cursors[i] is the cursor of page i (page 0 has none), so "Newer" steps back without refetching the chain.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [openCallId, setOpenCallId] = useState<string | null>(null);
  const cursor = cursors.at(-1) ?? null;
  const { data, error, isPending, isPlaceholderData } = useDeliveryCalls(destinationId, filters, cursor, status);
  const nextCursor = isPlaceholderData ? null : (data?.nextCursor ?? null);

  function changeFilter(name: keyof CallFilters, value: string) {
    setFilters((current) => ({ ...current, [name]: value || undefined }));
    setCursors([null]);
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby="activity-title">
      <h2 id="activity-title" className="card-title">
        Activity log
      </h2>
      <p className="card-description">
        Every call to Intercom, newest first. Click a request to see it in full with Intercom&apos;s answer.
      </p>
      <div className={styles.toolbar}>
        {FILTERS.map(({ name, ...select }) => (
          <FilterSelect
            key={name}
            {...select}
            value={filters[name] ?? ""}
            onChange={(value) => changeFilter(name, value)}
          />
        ))}
      </div>
      {error && !data && <div className="alert alert-error">Could not load the activity log: {error.message}</div>}
      {isPending && <p className="muted">Loading calls…</p>}
      {data && data.items.length === 0 && (
        <p className="muted" data-testid="activity-empty">
          {filters.outcome || filters.kind || filters.recordOutcome
            ? "No calls match these filters."
            : "No calls yet. Calls appear here as soon as the destination delivers, replays or tests."}
        </p>
      )}
      {data && data.items.length > 0 && (
        <div className={styles.tableWrap} style={{ opacity: isPlaceholderData ? 0.6 : 1 }}>
          <table className="table" aria-label="Calls">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Outcome</th>
                <th scope="col">Latency</th>
                <th scope="col">Records</th>
                <th scope="col">Version</th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((call) => (
                <tr key={call.id} data-testid="call-row">
                  <td className={styles.numeric}>{formatTime(call.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className={styles.linkButton}
                      onClick={() => setOpenCallId(call.id)}
                      title={`${call.method} ${call.url}`}
                    >
                      <span className={styles.requestLine}>
                        {call.method} {call.url}
                      </span>
                    </button>
                  </td>
                  <td>
                    <HttpStatus status={call.responseStatus} />
                  </td>
                  <td>
                    <OutcomeBadge call={call} />
                  </td>
                  <td className={styles.numeric}>{formatLatency(call.latencyMs)}</td>
                  <td className={styles.numeric}>{formatSeqRange(call.firstSeq, call.lastSeq)}</td>
                  <td className={styles.numeric}>v{call.configVersion}</td>
                  <td>{KIND_LABELS[call.kind] ?? call.kind}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className={styles.pager}>
        <span>
          Page {cursors.length} · {CALLS_PAGE_SIZE} per page
        </span>
        <button
          type="button"
          className="btn btn-small"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={nextCursor === null}
          onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
        >
          Older
        </button>
      </div>
      {openCallId && (
        <CallDebugView
          key={openCallId}
          destinationId={destinationId}
          callId={openCallId}
          onClose={() => setOpenCallId(null)}
        />
      )}
    </section>
  );
}
