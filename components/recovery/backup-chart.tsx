"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime, formatDayMonth } from "@/lib/format/time";

export interface ChartPoint {
  /** epoch ms of the backup's end */
  t: number;
  durationMin: number | null;
  sizeMiB: number | null;
}

/**
 * Duration (bars, left axis) and size (line, right axis) of one component's successful backups.
 * Hidden from screen readers and out of the tab order (no keyboard layer inside an aria-hidden figure):
 * the page gives the same figures as a table beside it.
 */
export function BackupChart({ component, points }: { component: string; points: ChartPoint[] }) {
  return (
    <figure className="text-zinc-600 dark:text-zinc-400" aria-hidden="true">
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={formatDayMonth} stroke="currentColor" fontSize={11} />
            <YAxis yAxisId="min" stroke="currentColor" fontSize={11} width={40} label={{ value: "min", angle: -90, position: "insideLeft", fill: "currentColor", fontSize: 11 }} />
            <YAxis yAxisId="mib" orientation="right" stroke="currentColor" fontSize={11} width={48} label={{ value: "MiB", angle: 90, position: "insideRight", fill: "currentColor", fontSize: 11 }} />
            <Tooltip
              labelFormatter={(t) => formatDateTime(Number(t))}
              // System colours follow the page's light/dark colour scheme.
              contentStyle={{ background: "Canvas", color: "CanvasText", fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="min" dataKey="durationMin" name={`${component}: duration (min)`} fill="#0284c7" isAnimationActive={false} />
            <Line yAxisId="mib" dataKey="sizeMiB" name={`${component}: size (MiB)`} stroke="#d97706" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
