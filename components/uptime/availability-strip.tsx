import { AVAILABILITY_TEXT, formatPercent, formatTime, type AvailabilityLevel, type StripBar } from "@/lib/uptime/present";

/**
 * One bar per hour or day, coloured by availability and also told apart without colour: the bar's
 * height drops with each level (full, partial, major) and hours without data are hollow, dashed
 * outlines. Each bar has a tooltip; the legend says what is what, and the page's table has the numbers.
 */
const STYLE: Record<AvailabilityLevel, { height: number; className: string }> = {
  full: { height: 1, className: "fill-emerald-500 dark:fill-emerald-400" },
  partial: { height: 0.7, className: "fill-amber-500 dark:fill-amber-400" },
  major: { height: 0.4, className: "fill-red-600 dark:fill-red-500" },
  none: { height: 1, className: "fill-transparent stroke-zinc-400 dark:stroke-zinc-500" },
};

const W = 10;
const H = 40;

function Bar({ level, x, width }: { level: AvailabilityLevel; x: number; width: number }) {
  const s = STYLE[level];
  const h = H * s.height;
  return (
    <rect
      x={x}
      y={H - h}
      width={width}
      height={h}
      rx={1}
      className={s.className}
      strokeDasharray={level === "none" ? "3 2" : undefined}
      vectorEffect="non-scaling-stroke"
    />
  );
}

export function AvailabilityStrip({ bars, barLabel }: { bars: StripBar[]; barLabel: "hour" | "day" }) {
  const count = (level: AvailabilityLevel) => bars.filter((b) => b.level === level).length;
  const summary = `Availability per ${barLabel}: ${count("full")} of ${bars.length} with all probes up, ${count("partial")} with some failures, ${count("major")} mostly down, ${count("none")} without data.`;
  return (
    <div className="space-y-2">
      <svg role="img" aria-label={summary} viewBox={`0 0 ${bars.length * W} ${H}`} preserveAspectRatio="none" className="h-10 w-full" data-testid="availability-strip">
        {bars.map((b, i) => (
          <g key={b.t}>
            <title>{`${formatTime(b.t, b.end - b.t)}: ${b.availability === null ? "no data" : `${formatPercent(b.availability)} available (${b.up + b.degraded} of ${b.up + b.down + b.degraded} probes)`}`}</title>
            {/* a transparent full-height target so thin bars still show their tooltip */}
            <rect x={i * W} y={0} width={W} height={H} className="fill-transparent" />
            <Bar level={b.level} x={i * W + 1} width={W - 2} />
          </g>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
        {(["full", "partial", "major", "none"] as const).map((level) => (
          <li key={level} className="flex items-center gap-1.5">
            <svg viewBox={`0 0 ${W} ${H}`} className="h-4 w-2" aria-hidden="true">
              <Bar level={level} x={1} width={W - 2} />
            </svg>
            {level === "partial" ? "some probes failed (≥ 95 %)" : level === "major" ? "mostly down (< 95 %)" : AVAILABILITY_TEXT[level]} ({count(level)})
          </li>
        ))}
      </ul>
    </div>
  );
}
