"use client";

import type { MinuteStatsDto } from "@/lib/delivery/monitoring/monitoring-schemas";
import { formatCount, formatMinute } from "./format";
import { type ChartSeries, type ChartShape, MinuteChart } from "./minute-chart";
import styles from "./monitoring.module.css";
import { useDeliveryTimeline } from "./use-delivery-timeline";

const WINDOW_MINUTES = 60;

// Fixed colours that read in light and dark themes alike.
const COLORS = {
  calls: "#3451d1",
  records: "#1f9d6b",
  s2xx: "#2e9e5b",
  s4xx: "#e08a00",
  s5xx: "#d1433b",
  s429: "#8a5cd1",
  none: "#8a94a3",
  created: "#1f9d6b",
  updated: "#3451d1",
  removed: "#8a5cd1",
  exists: "#e08a00",
};

const RECORD_BARS = [
  { key: "created", name: "Created", color: COLORS.created },
  { key: "updated", name: "Updated", color: COLORS.updated },
  { key: "removed", name: "Archived or deleted", color: COLORS.removed },
  { key: "existsNotUpdated", name: "Not updated — exists", color: COLORS.exists },
] as const;

const CHARTS: ReadonlyArray<{ title: string; shape: ChartShape; series: readonly ChartSeries[] }> = [
  {
    title: "Calls and records per minute",
    shape: { kind: "line" },
    series: [
      { key: "calls", name: "Calls", color: COLORS.calls },
      { key: "records", name: "Records", color: COLORS.records },
    ],
  },
  {
    title: "Outcomes per minute",
    shape: { kind: "bar", stackId: "s" },
    series: [
      { key: "status2xx", name: "2xx", color: COLORS.s2xx },
      { key: "status4xx", name: "4xx", color: COLORS.s4xx },
      { key: "status5xx", name: "5xx", color: COLORS.s5xx },
      { key: "status429", name: "429", color: COLORS.s429 },
      { key: "noAnswer", name: "No answer", color: COLORS.none },
    ],
  },
  { title: "Records by outcome per minute", shape: { kind: "bar", stackId: "r" }, series: RECORD_BARS },
];

function sumOf(points: MinuteStatsDto[], field: keyof Omit<MinuteStatsDto, "minute">): number {
  return points.reduce((total, point) => total + point[field], 0);
}

export function DeliveryChartsCard({ destinationId, status }: { destinationId: string; status: string }) {
  const { data, error } = useDeliveryTimeline(destinationId, status, WINDOW_MINUTES);
  const points = data?.points ?? [];
  const rows = points.map((point) => ({ ...point, label: formatMinute(point.minute) }));
  return (
    <section className={`card ${styles.section}`} aria-labelledby="charts-title">
      <h2 id="charts-title" className="card-title">
        Last {WINDOW_MINUTES} minutes
      </h2>
      <p className="card-description">
        Calls to Intercom per minute, the records they carried, and what Intercom answered (test sends are left out).
      </p>
      {error && !data && <div className="alert alert-error">Could not load the charts: {error.message}</div>}
      <div className={styles.charts}>
        {CHARTS.map((chart) => (
          <MinuteChart key={chart.title} {...chart} rows={rows} />
        ))}
      </div>
      <p className={styles.totals} data-testid="timeline-totals">
        In the last {WINDOW_MINUTES} minutes: {formatCount(sumOf(points, "calls"))} calls,{" "}
        {formatCount(sumOf(points, "records"))} records — 2xx {formatCount(sumOf(points, "status2xx"))}, 4xx{" "}
        {formatCount(sumOf(points, "status4xx"))}, 5xx {formatCount(sumOf(points, "status5xx"))}, 429{" "}
        {formatCount(sumOf(points, "status429"))}, no answer {formatCount(sumOf(points, "noAnswer"))}.
        {RECORD_BARS.map((bar) => ` ${bar.name}: ${formatCount(sumOf(points, bar.key))}.`)}
      </p>
    </section>
  );
}
