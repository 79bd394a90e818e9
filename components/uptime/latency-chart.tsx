"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { axisTicks, formatMs, formatTick, formatTime } from "@/lib/uptime/present";

export interface LatencyPoint {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface IncidentSpan {
  id: string;
  start: number;
  /** null while ongoing */
  end: number | null;
  label: string;
}

/** Lines differ by dash pattern as well as colour, so they stay apart in greyscale. */
const LINES = [
  { key: "p50", name: "p50 (median)", color: "#0284c7", dash: undefined },
  { key: "p95", name: "p95", color: "#7c3aed", dash: "7 3" },
  { key: "p99", name: "p99", color: "#db2777", dash: "2 3" },
] as const;

function ChartTooltip({ active, payload, label, stepMs }: TooltipContentProps & { stepMs: number }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{formatTime(Number(label), stepMs)}</p>
      <ul className="mt-1 space-y-0.5">
        {payload.map((p) => (
          <li key={String(p.dataKey)} className="text-zinc-700 dark:text-zinc-300">
            {p.name}: {formatMs(typeof p.value === "number" ? p.value : null)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Latency p50/p95/p99 over the range, with incidents and maintenance windows shaded on the time axis
 * (maintenance in blue with a dashed border, so the two differ without colour too). Points without
 * probes break the lines (a gap is unknown, not zero). The same figures are in the page's table.
 */
export function LatencyChart({
  points,
  from,
  end,
  now,
  stepMs,
  incidents,
  maintenance = [],
}: {
  points: LatencyPoint[];
  from: number;
  end: number;
  now: number;
  stepMs: number;
  incidents: IncidentSpan[];
  /** maintenance windows overlapping the range (a window still open ends at its planned end, cut at now) */
  maintenance?: IncidentSpan[];
}) {
  const span = end - from;
  // An incident of a few minutes would be invisible on a 90-day axis: draw it at least 1/150 of the width.
  const minWidth = span / 150;
  const spanOf = (i: IncidentSpan) => {
    const x1 = Math.max(from, i.start);
    const x2 = Math.min(end, Math.max(Math.min(i.end ?? now, now), x1 + minWidth));
    return { ...i, x1, x2 };
  };
  const areas = incidents.map(spanOf);
  const windows = maintenance.map(spanOf);
  return (
    <div className="h-64 w-full text-zinc-500 sm:h-72 dark:text-zinc-400" data-testid="latency-chart">
      <LineChart responsive style={{ width: "100%", height: "100%" }} data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[from, end]}
          ticks={axisTicks(from, end)}
          tickFormatter={(t: number) => formatTick(t, span)}
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
          minTickGap={24}
        />
        <YAxis tickFormatter={(v: number) => formatMs(v)} width={64} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} />
        {windows.map((w) => (
          <ReferenceArea key={w.id} x1={w.x1} x2={w.x2} fill="#0284c7" fillOpacity={0.12} stroke="#0284c7" strokeOpacity={0.7} strokeDasharray="4 3" ifOverflow="hidden" />
        ))}
        {areas.map((a) => (
          <ReferenceArea key={a.id} x1={a.x1} x2={a.x2} fill="#ef4444" fillOpacity={0.18} stroke="#ef4444" strokeOpacity={0.5} ifOverflow="hidden" />
        ))}
        <Tooltip content={(props) => <ChartTooltip {...props} stepMs={stepMs} />} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {LINES.map((l) => (
          <Line key={l.key} type="monotone" dataKey={l.key} name={l.name} stroke={l.color} strokeDasharray={l.dash} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </div>
  );
}
