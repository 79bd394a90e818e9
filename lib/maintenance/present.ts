/**
 * How maintenance windows are written on the page and the board, in the app's one time style (UTC):
 * "until 14:30 UTC" on the same day, "until 9 Dec 2026, 02:00 UTC" otherwise. Pure.
 */
import { formatClock, formatDate, formatDateTime } from "@/lib/format/time";

const sameUtcDay = (a: Date, b: Date) => formatDate(a) === formatDate(b);

/** The end of an open window as seen at `now`. */
export function formatUntil(endsAt: Date, now: Date): string {
  return `until ${sameUtcDay(endsAt, now) ? `${formatClock(endsAt)} UTC` : formatDateTime(endsAt)}`;
}

/** "8 Dec 2026, 14:00–15:30 UTC", or both moments in full when the window spans days. */
export function formatSpan(startsAt: Date, endsAt: Date): string {
  return sameUtcDay(startsAt, endsAt) ? `${formatDate(startsAt)}, ${formatClock(startsAt)}–${formatClock(endsAt)} UTC` : `${formatDateTime(startsAt)} – ${formatDateTime(endsAt)}`;
}

/** The words of the banner and the board: "In maintenance until 14:30 UTC". */
export function inMaintenanceText(endsAt: Date, now: Date): string {
  return `In maintenance ${formatUntil(endsAt, now)}`;
}
