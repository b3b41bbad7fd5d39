"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { MinuteStatsDto } from "@/lib/delivery/monitoring/monitoring-schemas";
import { formatCount, formatMinute } from "./format";
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
  { key: "created", name: "Created", fill: COLORS.created },
  { key: "updated", name: "Updated", fill: COLORS.updated },
  { key: "removed", name: "Archived or deleted", fill: COLORS.removed },
  { key: "existsNotUpdated", name: "Not updated — exists", fill: COLORS.exists },
] as const;

function sumOf(points: MinuteStatsDto[], field: keyof Omit<MinuteStatsDto, "minute">): number {
  return points.reduce((total, point) => total + point[field], 0);
}

const axis = { fontSize: 11, stroke: "currentColor" };

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
        <figure style={{ margin: 0 }}>
          <figcaption className={styles.chartTitle}>Calls and records per minute</figcaption>
          <div className={styles.chart}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                <XAxis dataKey="label" tick={axis} minTickGap={24} />
                <YAxis allowDecimals={false} tick={axis} />
                <Tooltip />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="calls"
                  name="Calls"
                  stroke={COLORS.calls}
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="records"
                  name="Records"
                  stroke={COLORS.records}
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption className={styles.chartTitle}>Outcomes per minute</figcaption>
          <div className={styles.chart}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                <XAxis dataKey="label" tick={axis} minTickGap={24} />
                <YAxis allowDecimals={false} tick={axis} />
                <Tooltip />
                <Legend />
                <Bar dataKey="status2xx" name="2xx" stackId="s" fill={COLORS.s2xx} isAnimationActive={false} />
                <Bar dataKey="status4xx" name="4xx" stackId="s" fill={COLORS.s4xx} isAnimationActive={false} />
                <Bar dataKey="status5xx" name="5xx" stackId="s" fill={COLORS.s5xx} isAnimationActive={false} />
                <Bar dataKey="status429" name="429" stackId="s" fill={COLORS.s429} isAnimationActive={false} />
                <Bar dataKey="noAnswer" name="No answer" stackId="s" fill={COLORS.none} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption className={styles.chartTitle}>Records by outcome per minute</figcaption>
          <div className={styles.chart}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                <XAxis dataKey="label" tick={axis} minTickGap={24} />
                <YAxis allowDecimals={false} tick={axis} />
                <Tooltip />
                <Legend />
                {RECORD_BARS.map((bar) => (
                  <Bar
                    key={bar.key}
                    dataKey={bar.key}
                    name={bar.name}
                    stackId="r"
                    fill={bar.fill}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
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
