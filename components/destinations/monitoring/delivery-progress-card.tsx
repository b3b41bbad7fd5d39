"use client";

import type { DeliveryProgressDto } from "@/lib/delivery/monitoring/monitoring-schemas";
import { formatCount, RECORD_OUTCOME_LABELS } from "./format";
import styles from "./monitoring.module.css";

function percent(part: number, total: number): number {
  return total === 0 ? 0 : Math.min(100, Math.floor((part / total) * 1000) / 10);
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className={styles.stat}>
      <span className={styles.statValue} data-testid={testId}>
        {formatCount(value)}
      </span>
      <span className={styles.statLabel}>{label}</span>
    </div>
  );
}

/** Records per outcome; only those that occurred, created and updated always for a sync destination. */
function OutcomeCounts({ outcomes }: { outcomes: DeliveryProgressDto["outcomes"] }) {
  const shown = Object.entries(outcomes).filter(([, n]) => n > 0);
  if (shown.length === 0) return null;
  return (
    <div className={styles.stats} aria-label="Records by outcome">
      {shown.map(([outcome, n]) => {
        const { label, tone, hint } = RECORD_OUTCOME_LABELS[outcome] ?? { label: outcome, tone: "neutral", hint: "" };
        return (
          <div key={outcome} className={styles.stat} title={hint}>
            <span className={styles.statValue} data-testid={`progress-outcome-${outcome}`}>
              {formatCount(n)}
            </span>
            <span className={`${styles.statLabel} ${tone === "warning" ? "badge badge-warning" : ""}`}>{label}</span>
          </div>
        );
      })}
      {outcomes.exists_not_updated > 0 && (
        <p className="field-hint" style={{ flexBasis: "100%" }}>
          Intercom answered 409 for {formatCount(outcomes.exists_not_updated)} record
          {outcomes.exists_not_updated === 1 ? "" : "s"}: those contacts exist and kept their old values. Switch the
          endpoint to “Create or update a contact” to update them.
        </p>
      )}
    </div>
  );
}

export function DeliveryProgressCard({
  progress,
  error,
}: {
  progress: DeliveryProgressDto | undefined;
  error: Error | null;
}) {
  if (!progress) {
    return (
      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title" className="card-title">
          Progress
        </h2>
        {error ? (
          <div className="alert alert-error">Could not load progress: {error.message}</div>
        ) : (
          <p className="muted">Loading progress…</p>
        )}
      </section>
    );
  }
  const { delivered, total, backlog, errorRecords, errorRecordsRecords, inFlight, outcomes } = progress;
  const deliveredPct = percent(delivered, total);
  const errorPct = percent(errorRecordsRecords, total);
  return (
    <section className="card" aria-labelledby="progress-title">
      <h2 id="progress-title" className="card-title">
        Progress
      </h2>
      <p className="card-description" style={{ marginBottom: 0 }}>
        {total === 0
          ? "The Nexset has no records yet. Records that arrive are delivered while the destination is active."
          : `${formatCount(delivered)} of ${formatCount(total)} records delivered (${deliveredPct}%).`}
      </p>
      <div
        className={styles.track}
        role="progressbar"
        aria-label="Records delivered"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={deliveredPct}
        aria-valuetext={`${formatCount(delivered)} of ${formatCount(total)} records delivered`}
      >
        <div className={styles.trackDelivered} style={{ width: `${deliveredPct}%` }} />
        <div
          className={styles.trackErrors}
          style={{ width: `${errorPct}%` }}
          title={`${formatCount(errorRecordsRecords)} records kept as error records`}
        />
      </div>
      <div className={styles.stats}>
        <Stat label="Delivered" value={delivered} testId="progress-delivered" />
        <Stat label="Total" value={total} testId="progress-total" />
        <Stat label="Backlog" value={backlog} testId="progress-backlog" />
        <Stat label="Error records" value={errorRecords} testId="progress-error-records" />
        <Stat label="In flight" value={inFlight} testId="progress-in-flight" />
      </div>
      <OutcomeCounts outcomes={outcomes} />
      {errorRecords > 0 && (
        <p className="field-hint" style={{ marginTop: 10 }}>
          {formatCount(errorRecords)} error record{errorRecords === 1 ? "" : "s"} hold{" "}
          {formatCount(errorRecordsRecords)} record
          {errorRecordsRecords === 1 ? "" : "s"} Intercom refused: see Error records below.
        </p>
      )}
    </section>
  );
}
