"use client";

import { Line, LineChart, ReferenceLine, YAxis } from "recharts";

export interface SparklineProps {
  points: { t: number; v: number }[];
  limit: number;
  breached: boolean;
  /** the same information in words, for screen readers (the drawing is hidden from them) */
  summary: string;
}

/** A tiny line of the last hour with the limit dashed; its text alternative is `summary`. */
export function Sparkline({ points, limit, breached, summary }: SparklineProps) {
  if (points.length === 0) return <span className="text-xs text-zinc-500 dark:text-zinc-400">no samples in the last hour</span>;
  const values = points.map((p) => p.v);
  const lo = Math.min(limit, ...values);
  const hi = Math.max(limit, ...values);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  return (
    <figure className="m-0">
      <div aria-hidden="true" className={breached ? "text-red-600 dark:text-red-400" : "text-sky-700 dark:text-sky-400"}>
        <LineChart width={120} height={32} data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
          <YAxis hide domain={[lo - pad, hi + pad]} />
          <ReferenceLine y={limit} stroke="#a1a1aa" strokeDasharray="3 3" />
          <Line type="monotone" dataKey="v" stroke="currentColor" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </div>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
