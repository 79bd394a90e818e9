import { sparklinePath, sparklineWidth, trendText, type TrendPoint } from "@/lib/history/sparkline";

const STEP = 4;
const HEIGHT = 28;

/**
 * A server-rendered trend line of the daily scores (no chart library): the picture is decorative, the
 * sentence beside it ("Score 72 → 85 over 30 days") is what it says, for every reader. Its markup is kept
 * short: the board renders 61 of them, each twice (the HTML and the RSC payload).
 */
export function ScoreSparkline({ points, days, now, label }: { points: readonly TrendPoint[]; days: number; now: Date; label: string }) {
  const width = sparklineWidth(days, STEP);
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="score-sparkline">
      {points.length > 0 ? (
        <svg width={width} height={HEIGHT} aria-hidden="true" className="shrink-0 border-b border-zinc-200 text-sky-600 dark:border-zinc-700 dark:text-sky-400">
          <path d={sparklinePath(points, days, now, STEP, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      ) : null}
      <span>
        <span className="sr-only">{label}: </span>
        {trendText(points)}
      </span>
    </div>
  );
}
