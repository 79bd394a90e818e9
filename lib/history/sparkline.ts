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
 * Path commands for the points of the `days` days ending on `now`'s day: x by day (`step` units a day from
 * x = 1), y by score (100 at the top, 0 at the bottom, inside a 1-unit margin), in whole units and relative
 * moves, so 61 sparklines stay small in the page and its RSC payload. A lone point between gaps is a dot.
 */
export function sparklinePath(points: readonly TrendPoint[], days: number, now: Date, step: number, height: number): string {
  const first = addDays(utcDay(now), 1 - days);
  const y = (score: number) => 1 + Math.round(((100 - Math.max(0, Math.min(100, score))) / 100) * (height - 2));
  const runs: { start: string; moves: string[] }[] = [];
  let previous: { i: number; y: number } | null = null;
  for (const p of points) {
    const i = dayIndex(first, p.date);
    if (i < 0 || i >= days) continue;
    const yy = y(p.score);
    if (previous !== null && i === previous.i + 1) runs.at(-1)!.moves.push(`l${step} ${yy - previous.y}`);
    else runs.push({ start: `M${1 + i * step} ${yy}`, moves: [] });
    previous = { i, y: yy };
  }
  // a lone point draws as a dot: a tiny segment with the stroke's round cap
  return runs.map((r) => `${r.start}${r.moves.length ? r.moves.join("") : "h.1"}`).join("");
}

/** The width of a sparkline of `days` days, `step` units a day, with its 1-unit margins. */
export const sparklineWidth = (days: number, step: number) => 2 + (days - 1) * step;

/** "Score 72 → 85 over 30 days", counted from the first point in the window to the last. */
export function trendText(points: readonly TrendPoint[]): string {
  if (points.length === 0) return "No score history yet";
  const first = points[0]!;
  const last = points.at(-1)!;
  if (points.length === 1) return `Score ${last.score} on ${last.date}, the first day recorded`;
  const span = dayIndex(first.date, last.date) + 1;
  return `Score ${first.score} → ${last.score} over ${span} days`;
}
