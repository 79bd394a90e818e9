/**
 * Expected HTTP statuses of a health check: single codes ("200", or 200 in JSON) and inclusive ranges
 * ("200-299"). Stored and returned as strings; the probe engine asks `matchesExpectedStatus`.
 */

// Three digits starting 1–5: exactly the codes 100–599.
const SINGLE = /^([1-5]\d\d)$/;
const RANGE = /^([1-5]\d\d)\s*-\s*([1-5]\d\d)$/;

/** The canonical text of one entry ("200", "200-299"), or null when it is not a valid status or range. */
export function normalizeStatusEntry(entry: string | number): string | null {
  const text = String(entry).trim();
  const single = SINGLE.exec(text);
  if (single) return single[1]!;
  const range = RANGE.exec(text);
  if (!range) return null;
  const [low, high] = [Number(range[1]), Number(range[2])];
  if (low > high) return null;
  return low === high ? String(low) : `${low}-${high}`;
}

/** Whether an HTTP status is one of the expected entries; malformed entries never match. */
export function matchesExpectedStatus(status: number, expected: readonly (string | number)[]): boolean {
  for (const entry of expected) {
    const normalized = normalizeStatusEntry(entry);
    if (!normalized) continue;
    const [low, high = low] = normalized.split("-").map(Number) as [number, number?];
    if (status >= low && status <= high) return true;
  }
  return false;
}
