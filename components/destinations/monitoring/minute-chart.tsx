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
import styles from "./monitoring.module.css";

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

/** Lines drawn side by side, or bars stacked under `stackId`. */
export type ChartShape = { kind: "line" } | { kind: "bar"; stackId: string };

const axis = { fontSize: 11, stroke: "currentColor" };
const margin = { top: 4, right: 8, bottom: 0, left: -16 };

/** One per-minute chart of the timeline card: a caption, a minute axis, and a series per field. */
export function MinuteChart({
  title,
  shape,
  series,
  rows,
}: {
  title: string;
  shape: ChartShape;
  series: readonly ChartSeries[];
  rows: Record<string, unknown>[];
}) {
  const frame = [
    <CartesianGrid key="grid" strokeDasharray="3 3" strokeOpacity={0.3} />,
    <XAxis key="x" dataKey="label" tick={axis} minTickGap={24} />,
    <YAxis key="y" allowDecimals={false} tick={axis} />,
    <Tooltip key="tooltip" />,
    <Legend key="legend" />,
  ];
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className={styles.chartTitle}>{title}</figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer width="100%" height="100%">
          {shape.kind === "line" ? (
            <LineChart data={rows} margin={margin}>
              {frame}
              {series.map((s) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          ) : (
            <BarChart data={rows} margin={margin}>
              {frame}
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  stackId={shape.stackId}
                  fill={s.color}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
