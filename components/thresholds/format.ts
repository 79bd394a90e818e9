import { formatDuration } from "@/lib/thresholds/evaluate";

/** "12 min ago", "2 h 5 min ago", "just now" (server-rendered, so no client clock is involved). */
export function ago(at: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 30) return "just now";
  return `${formatDuration(Math.max(60, Math.round(seconds / 60) * 60))} ago`;
}

/** "2026-11-26 14:02 UTC" */
export function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
