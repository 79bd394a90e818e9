import { AVAILABILITY_TEXT, formatPercent, formatTime, type AvailabilityLevel, type StripBar } from "@/lib/uptime/present";

/**
 * One bar per hour or day, coloured by availability and also told apart without colour: the bar's
 * height drops with each level (full, partial, major), hours without data are hollow, dashed
 * outlines, and hours spent wholly in maintenance are hatched. Each bar has a tooltip; the legend says
 * what is what, and the page's table has the numbers.
 */
const HATCH_ID = "uptime-maintenance-hatch";
const STYLE: Record<AvailabilityLevel, { height: number; className: string }> = {
  full: { height: 1, className: "fill-emerald-500 dark:fill-emerald-400" },
  partial: { height: 0.7, className: "fill-amber-500 dark:fill-amber-400" },
  major: { height: 0.4, className: "fill-red-600 dark:fill-red-500" },
  none: { height: 1, className: "fill-transparent stroke-zinc-400 dark:stroke-zinc-500" },
  // written out in full: Tailwind finds class names in the source text (HATCH_ID)
  maintenance: { height: 1, className: "fill-[url(#uptime-maintenance-hatch)] stroke-sky-600 dark:stroke-sky-400" },
};

/** Diagonal stripes in the text colour of sky, shared by the strip and its legend (one strip per page). */
function HatchPattern() {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
      <defs>
        <pattern id={HATCH_ID} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" className="fill-sky-100 dark:fill-sky-950" />
          <rect width="2" height="4" className="fill-sky-600 dark:fill-sky-400" />
        </pattern>
      </defs>
    </svg>
  );
}

function barTitle(b: StripBar): string {
  const when = formatTime(b.t, b.end - b.t);
  const counted = b.up + b.down + b.degraded;
  const figures = b.availability === null ? (b.maintenance ? "maintenance" : "no data") : `${formatPercent(b.availability)} available (${b.up + b.degraded} of ${counted} probes)`;
  return `${when}: ${figures}${b.maintenance ? `; ${b.maintenance} probes during maintenance, not counted` : ""}`;
}

const LEGEND_TEXT: Partial<Record<AvailabilityLevel, string>> = {
  partial: "some probes failed (≥ 95 %)",
  major: "mostly down (< 95 %)",
  maintenance: "maintenance (not counted)",
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
  const summary = `Availability per ${barLabel}: ${count("full")} of ${bars.length} with all probes up, ${count("partial")} with some failures, ${count("major")} mostly down, ${count("maintenance")} in maintenance, ${count("none")} without data.`;
  return (
    <div className="relative space-y-2">
      <HatchPattern />
      <svg role="img" aria-label={summary} viewBox={`0 0 ${bars.length * W} ${H}`} preserveAspectRatio="none" className="h-10 w-full" data-testid="availability-strip">
        {bars.map((b, i) => (
          <g key={b.t}>
            <title>{barTitle(b)}</title>
            {/* a transparent full-height target so thin bars still show their tooltip */}
            <rect x={i * W} y={0} width={W} height={H} className="fill-transparent" />
            <Bar level={b.level} x={i * W + 1} width={W - 2} />
          </g>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
        {(["full", "partial", "major", "maintenance", "none"] as const).map((level) => (
          <li key={level} className="flex items-center gap-1.5">
            <svg viewBox={`0 0 ${W} ${H}`} className="h-4 w-2" aria-hidden="true">
              <Bar level={level} x={1} width={W - 2} />
            </svg>
            {LEGEND_TEXT[level] ?? AVAILABILITY_TEXT[level]} ({count(level)})
          </li>
        ))}
      </ul>
    </div>
  );
}
