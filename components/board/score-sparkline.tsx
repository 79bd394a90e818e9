import { sparklinePath, trendText, type TrendPoint } from "@/lib/history/sparkline";

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A server-rendered trend line of the daily scores (no chart library): the picture is decorative, the
 * sentence beside it ("Score 72 → 85 over 30 days") is what it says, for every reader.
 */
export function ScoreSparkline({ points, days, now, label }: { points: readonly TrendPoint[]; days: number; now: Date; label: string }) {
  const text = trendText(points);
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="score-sparkline">
      {points.length > 0 ? (
        <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" className="shrink-0 text-sky-600 dark:text-sky-400">
          <line x1="0" x2={WIDTH} y1={HEIGHT - 1} y2={HEIGHT - 1} className="stroke-zinc-200 dark:stroke-zinc-700" strokeWidth="1" />
          <path d={sparklinePath(points, days, now, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : null}
      <span>
        <span className="sr-only">{label}: </span>
        {text}
      </span>
    </div>
  );
}
