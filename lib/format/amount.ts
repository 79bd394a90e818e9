/**
 * How the UI, the API's wording and alerts write a measured value: one formatter, so a blocker, a
 * threshold row, a sparkline's text and an alert never spell the same number differently.
 *
 * `formatMeasure(value, unit)`:
 * - below 100 (in absolute value): at most 3 significant digits, trailing zeros dropped
 *   ("16.1 %", "4.25 ms", "0.0042 %", "95 %"); a value that rounds up to 100 reads "100";
 * - from 100: a whole number with thousands separators ("1,482 ms", "2,000 ms");
 * - the unit after a space ("80 %"), or the number alone when the unit is blank;
 * - never exponent notation; −0 reads "0"; a value that is not finite reads "—".
 *
 * The one exception is availability (uptime), `formatAvailability`: two decimals, never rounded up,
 * because 99.96 % and 99.99 % are different promises and "100 %" must mean nothing failed.
 *
 * en-US number formatting only (not the browser's locale), so server and client render the same text.
 */

/** Digits shown for values below `WHOLE_FROM`. */
export const SIGNIFICANT_DIGITS = 3;
/** From this magnitude on, values are shown as whole numbers. */
export const WHOLE_FROM = 100;

const SMALL = new Intl.NumberFormat("en-US", { maximumSignificantDigits: SIGNIFICANT_DIGITS, useGrouping: false });
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** The number alone: "16.1", "1,482". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const text = Math.abs(value) >= WHOLE_FROM ? WHOLE.format(value) : SMALL.format(value);
  // Intl keeps the sign of −0 and of tiny negatives that round to 0.
  return text === "-0" ? "0" : text;
}

/** A measured value with its unit: "16.1 %", "1,482 ms", "3". */
export function formatMeasure(value: number, unit: string): string {
  const text = formatNumber(value);
  const u = unit.trim();
  return u && text !== "—" ? `${text} ${u}` : text;
}

/** A latency in milliseconds ("4.25 ms", "1,234 ms"); null is "–". */
export function formatLatency(ms: number | null): string {
  return ms === null ? "–" : formatMeasure(ms, "ms");
}

/**
 * Availability as a percentage, never rounded up: 99.996 % reads "99.99 %", not "100 %" (100 % only
 * when nothing failed); null is "no data".
 */
export function formatAvailability(p: number | null): string {
  if (p === null) return "no data";
  if (p >= 100) return "100 %";
  const truncated = Math.floor(p * 100 + 1e-9) / 100;
  return `${truncated.toFixed(2)} %`;
}
