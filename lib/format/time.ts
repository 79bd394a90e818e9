/**
 * How the UI writes times, dates and durations: one vocabulary for every page.
 *
 * - A moment: "26 Nov 2026, 19:25 UTC" (with `seconds`: "19:25:03 UTC"); a day: "26 Nov 2026".
 * - Where recency matters, a relative phrase ("12 s ago", "5 min ago", "in 3 h") computed against a
 *   `now` the server passes in, then aged by the browser's clock, with the moment itself in the
 *   element's title (components/ui/relative-time.tsx).
 * - Durations: "45 s", "2 min 5 s", "1 h 5 min", "3 d 2 h".
 *
 * Always UTC, and built from getUTC* parts rather than Intl: the server and the browser (client charts,
 * the checklist) then render the same text whatever their time zone or ICU version (en-GB spells
 * September "Sept" in some ICU releases and "Sep" in others), so hydration never mismatches.
 */

export type Instant = Date | string | number;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const pad = (n: number) => String(n).padStart(2, "0");

export function toDate(at: Instant): Date {
  return at instanceof Date ? at : new Date(at);
}

/** The machine-readable form for `<time dateTime>`: ISO 8601 in UTC. */
export function isoString(at: Instant): string {
  return toDate(at).toISOString();
}

/** "26 Nov" (chart axes and other places where the year is obvious from the context). */
export function formatDayMonth(at: Instant): string {
  const d = toDate(at);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** "26 Nov 2026" */
export function formatDate(at: Instant): string {
  return `${formatDayMonth(at)} ${toDate(at).getUTCFullYear()}`;
}

/** "19:25" (UTC, 24-hour), or "19:25:03" with seconds. */
export function formatClock(at: Instant, opts: { seconds?: boolean } = {}): string {
  const d = toDate(at);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return opts.seconds ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}

/** "26 Nov 2026, 19:25 UTC" (with `seconds`: "26 Nov 2026, 19:25:03 UTC"). */
export function formatDateTime(at: Instant, opts: { seconds?: boolean } = {}): string {
  return `${formatDate(at)}, ${formatClock(at, opts)} UTC`;
}

/** "45 s", "2 min 5 s", "14 min", "1 h 5 min", "3 d 2 h"; null is "—". */
export function formatDuration(totalSeconds: number | null): string {
  if (totalSeconds === null) return "—";
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return rest && m < 10 ? `${m} min ${rest} s` : `${m} min`;
}

/**
 * How long ago (or ahead) `at` is from `now`: "just now" (under 5 s), "12 s ago", then to the minute:
 * "12 min ago", "2 h 5 min ago", "3 d 2 h ago", "in 4 h". The server renders it against the request's
 * clock; components/ui/relative-time.tsx re-renders it in the browser as the moment ages.
 */
export function formatRelative(at: Instant, now: Instant): string {
  const seconds = Math.round((toDate(now).getTime() - toDate(at).getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) return "just now";
  const span = abs < 60 ? `${abs} s` : formatDuration(Math.round(abs / 60) * 60);
  return seconds > 0 ? `${span} ago` : `in ${span}`;
}

