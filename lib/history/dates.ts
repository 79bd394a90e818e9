/** History dates are UTC calendar days, as `YYYY-MM-DD` text (the `date` columns of ServiceHistory/TeamHistory). */

const DAY_MS = 86_400_000;

/** Points are kept for this many days before today (lib/history/store.ts prunes older ones). */
export const HISTORY_RETENTION_DAYS = 400;
export const HISTORY_MAX_DAYS = 400;
export const HISTORY_DEFAULT_DAYS = 90;
/** The board's sparklines' window. */
export const BOARD_TREND_DAYS = 30;

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** 00:00:00.000 UTC of `day`. */
export function startOfUtcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function addDays(day: string, n: number): string {
  return utcDay(new Date(startOfUtcDay(day).getTime() + n * DAY_MS));
}

/** The `days` UTC days ending with today's (`now`), oldest first. */
export function lastDays(now: Date, days: number): string[] {
  const today = utcDay(now);
  return Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
}
