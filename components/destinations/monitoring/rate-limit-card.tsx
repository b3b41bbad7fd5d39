"use client";

import { useEffect, useState } from "react";
import type { RateLimitUsageDto } from "@/lib/delivery/monitoring/monitoring-schemas";
import { formatCount } from "./format";
import styles from "./monitoring.module.css";
import { useRateLimitUsage } from "./use-rate-limit-usage";

/** Seconds left in the window, counted down in the browser from the server's measurement. */
function useCountdown(resetInMs: number | null, measuredAt: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (resetInMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [resetInMs, measuredAt]);
  if (resetInMs === null) return null;
  return Math.max(0, resetInMs - (now - measuredAt)) / 1_000;
}

type RateLimitFiguresDto = Extract<RateLimitUsageDto, { visible: true }>;

export function RateLimitCard({ destinationId, status }: { destinationId: string; status: string }) {
  const { data, error, dataUpdatedAt } = useRateLimitUsage(destinationId, status);
  return (
    <section className="card" aria-labelledby="rate-limit-title">
      <h2 id="rate-limit-title" className="card-title">
        Rate-limit budget
      </h2>
      <p className="card-description" style={{ marginBottom: 0 }}>
        Shared by every destination using this credential, per 10-second window.
      </p>
      {!data ? (
        error ? (
          <div className="alert alert-error" style={{ marginTop: 12 }}>
            {error.message}
          </div>
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : data.visible ? (
        <RateLimitFigures data={data} measuredAt={dataUpdatedAt} />
      ) : (
        <p className="field-hint" style={{ marginTop: 10 }} data-testid="rate-limit-personal">
          The budget belongs to a personal connection of {data.personalTo}; its figures are theirs. This
          destination&apos;s own calls are in its charts and activity log.
        </p>
      )}
    </section>
  );
}

function RateLimitFigures({ data, measuredAt }: { data: RateLimitFiguresDto; measuredAt: number }) {
  const secondsLeft = useCountdown(data.resetInMs, measuredAt);
  return (
    <>
      <div
        className={`${styles.track} ${styles.trackSmall}`}
        role="meter"
        aria-label="Budget used this window"
        aria-valuemin={0}
        aria-valuemax={data.windowLimit}
        aria-valuenow={data.used}
      >
        <div
          className={styles.trackUsed}
          style={{ width: `${data.windowLimit ? Math.min(100, (data.used / data.windowLimit) * 100) : 0}%` }}
        />
      </div>
      <div className={styles.stats}>
        <div className={styles.stat}>
          <span className={styles.statValue} data-testid="rate-limit-window">
            {formatCount(data.windowLimit)}
          </span>
          <span className={styles.statLabel}>Window budget</span>
        </div>
        <div className={styles.stat}>
          <span className={styles.statValue} data-testid="rate-limit-used">
            {formatCount(data.used)}
          </span>
          <span className={styles.statLabel}>Used</span>
        </div>
        <div className={styles.stat}>
          <span className={styles.statValue} data-testid="rate-limit-remaining">
            {formatCount(data.remaining)}
          </span>
          <span className={styles.statLabel}>Remaining</span>
        </div>
      </div>
      <p className="field-hint" style={{ marginTop: 10 }} aria-live="off">
        {secondsLeft === null
          ? "No window open: no calls in the last 10 seconds."
          : `Resets in ${secondsLeft.toFixed(1)} s.`}
        {data.windowLimit !== data.limitPer10s &&
          ` Intercom reported a lower limit than the configured ${formatCount(data.limitPer10s)}.`}
      </p>
    </>
  );
}
