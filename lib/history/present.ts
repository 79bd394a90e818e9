/** How the service page shows its history (pure). */
import { describeLevel, type ReadinessLevel } from "@/lib/readiness/compute";
import { lastDays } from "./dates";

export interface LevelChange {
  date: string;
  from: ReadinessLevel;
  to: ReadinessLevel;
}

/** Each point whose level differs from the point before it (the first point is no change). */
export function levelChanges(points: readonly { date: string; level: ReadinessLevel }[]): LevelChange[] {
  const out: LevelChange[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!.level;
    const to = points[i]!.level;
    if (from !== to) out.push({ date: points[i]!.date, from, to });
  }
  return out;
}

export function levelChangeText(c: LevelChange): string {
  return `${describeLevel(c.from)} → ${describeLevel(c.to)}`;
}

/** Every day of the window with its score, or null on a day without a point (the chart's line breaks there). */
export function chartDays(points: readonly { date: string; score: number }[], days: number, now: Date): { date: string; score: number | null }[] {
  const byDate = new Map(points.map((p) => [p.date, p.score]));
  return lastDays(now, days).map((date) => ({ date, score: byDate.get(date) ?? null }));
}
