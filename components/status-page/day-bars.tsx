import type { DayBar } from "@/lib/status-page/present";
import { AVAILABILITY_TEXT, formatPercent, type AvailabilityLevel } from "@/lib/uptime/present";
import { formatDate } from "@/lib/format/time";

/**
 * A service's 90 days, one bar per UTC day, told apart by height and outline as well as colour (as the
 * uptime page's strip: full, shorter for some failures, shortest for mostly down, dashed for no data,
 * striped for maintenance). Each bar is a focusable image whose name is the day's uptime and incidents,
 * shown as a tooltip on hover and focus, without JavaScript. The table after it has the same figures.
 */
const BAR: Record<AvailabilityLevel, string> = {
  full: "h-full bg-emerald-500 dark:bg-emerald-400",
  partial: "h-[70%] bg-amber-500 dark:bg-amber-400",
  major: "h-[40%] bg-red-600 dark:bg-red-500",
  none: "h-full border border-dashed border-zinc-400 dark:border-zinc-500",
  maintenance: "h-full bg-[repeating-linear-gradient(45deg,var(--color-sky-600)_0_2px,transparent_2px_4px)] border border-sky-600 dark:border-sky-400",
};

export function DayBars({ serviceName, bars }: { serviceName: string; bars: DayBar[] }) {
  const count = (level: AvailabilityLevel) => bars.filter((b) => b.level === level).length;
  return (
    <div className="space-y-1">
      <ol aria-label={`${serviceName}, uptime per day over ${bars.length} days: ${count("full")} days all up, ${count("partial")} with some failures, ${count("major")} mostly down, ${count("none")} without data`} className="flex h-9 items-end gap-px" data-testid="day-bars">
        {bars.map((b, i) => (
          <li key={b.t} className="group relative flex h-full min-w-0 flex-1 items-end">
            <span
              tabIndex={0}
              role="img"
              aria-label={b.text}
              title={b.text}
              data-day={new Date(b.t).toISOString().slice(0, 10)}
              className={`block w-full rounded-[1px] outline-offset-2 focus-visible:outline-2 focus-visible:outline-sky-600 ${BAR[b.level]}`}
            />
            {b.incidents > 0 ? <span aria-hidden="true" className="absolute -bottom-2 left-1/2 h-1 w-1 -translate-x-1/2 rounded-full bg-zinc-900 dark:bg-zinc-100" /> : null}
            <span
              aria-hidden="true"
              className={`pointer-events-none absolute bottom-full z-10 mb-2 hidden w-max max-w-56 rounded bg-zinc-900 px-2 py-1 text-xs text-white shadow group-focus-within:block group-hover:block dark:bg-zinc-100 dark:text-zinc-900 ${i < bars.length / 2 ? "left-0" : "right-0"}`}
            >
              {b.text}
            </span>
          </li>
        ))}
      </ol>
      <div aria-hidden="true" className="flex justify-between pt-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span>{bars[0] ? formatDate(bars[0].t) : ""}</span>
        <span>Today</span>
      </div>
    </div>
  );
}

/** The bars' figures as a table, folded away in a <details> (open it to read them one row per day). */
export function DayTable({ serviceName, bars }: { serviceName: string; bars: DayBar[] }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-sky-700 underline dark:text-sky-400">Daily figures for {serviceName} (table)</summary>
      <table className="mt-2 w-full text-left">
        <caption className="sr-only">{`${serviceName}: uptime and incidents per day, newest first (UTC days)`}</caption>
        <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Day (UTC)</th>
            <th scope="col" className="py-1 pr-3 font-medium">Uptime</th>
            <th scope="col" className="py-1 font-medium">Incidents</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {[...bars].reverse().map((b) => (
            <tr key={b.t}>
              <td className="py-1 pr-3">{formatDate(b.t)}</td>
              <td className="py-1 pr-3">{b.availability === null ? AVAILABILITY_TEXT[b.level] : formatPercent(b.availability)}</td>
              <td className="py-1">{b.incidents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
