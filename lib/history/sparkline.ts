/**
 * The board's trend sparkline (pure): an SVG path over the window's days, a day without a point leaving
 * a gap in the line rather than a made-up value, and the sentence that says the same for screen readers.
 */
import { addDays, utcDay } from "./dates";

export interface TrendPoint {
  date: string;
  score: number;
}

const DAY_MS = 86_400_000;

const dayIndex = (first: string, date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS);

/**
 * `M`/`L` commands for the points of the `days` days ending on `now`'s day, x by day and y by score
 * (100 at the top, 0 at the bottom, inside a 1-unit margin). A lone point between gaps draws as a dot.
 */
export function sparklinePath(points: readonly TrendPoint[], days: number, now: Date, width: number, height: number): string {
  const first = addDays(utcDay(now), 1 - days);
  const step = days > 1 ? (width - 2) / (days - 1) : 0;
  const y = (score: number) => 1 + ((100 - Math.max(0, Math.min(100, score))) / 100) * (height - 2);
  const runs: string[][] = [];
  let previous: number | null = null;
  for (const p of points) {
    const i = dayIndex(first, p.date);
    if (i < 0 || i >= days) continue;
    const at = `${+(1 + i * step).toFixed(2)} ${+y(p.score).toFixed(2)}`;
    if (previous !== null && i === previous + 1) runs.at(-1)!.push(`L${at}`);
    else runs.push([`M${at}`]);
    previous = i;
  }
  // a lone point draws as a dot: a tiny segment with the stroke's round cap
  return runs.map((run) => (run.length === 1 ? `${run[0]} l0.01 0` : run.join(" "))).join(" ");
}

/** "Score 72 → 85 over 30 days", counted from the first point in the window to the last. */
export function trendText(points: readonly TrendPoint[]): string {
  if (points.length === 0) return "No score history yet";
  const first = points[0]!;
  const last = points.at(-1)!;
  if (points.length === 1) return `Score ${last.score} on ${last.date}, the first day recorded`;
  const span = dayIndex(first.date, last.date) + 1;
  return `Score ${first.score} → ${last.score} over ${span} days`;
}
