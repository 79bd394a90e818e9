"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartDay {
  date: string;
  score: number | null;
}

export interface ChartMark {
  date: string;
  /** "At risk → Ready" */
  label: string;
}

const shortDate = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * The daily score over the window, a dashed vertical line at each level change (labelled with the change).
 * Days without a point break the line. The page's table holds the same figures.
 */
export function ScoreHistoryChart({ days, marks }: { days: ChartDay[]; marks: ChartMark[] }) {
  return (
    <div className="h-64 w-full text-zinc-500 sm:h-72 dark:text-zinc-400" data-testid="score-history-chart" aria-hidden="true">
      <LineChart responsive style={{ width: "100%", height: "100%" }} data={days} margin={{ top: 24, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
        <XAxis dataKey="date" tickFormatter={shortDate} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} minTickGap={32} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={40} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} />
        {marks.map((m) => (
          <ReferenceLine
            key={m.date}
            x={m.date}
            stroke="#7c3aed"
            strokeDasharray="4 3"
            label={{ value: m.label, position: "insideTopLeft", fill: "currentColor", fontSize: 11 }}
          />
        ))}
        <Tooltip labelFormatter={(d) => shortDate(String(d))} formatter={(v) => [String(v), "Score"]} />
        <Line type="linear" dataKey="score" name="Score" stroke="#0284c7" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
