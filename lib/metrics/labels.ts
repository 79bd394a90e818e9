/**
 * Label values of the Prometheus export are slugs and ids only, never text a user typed (names,
 * labels, free-text components): such text could carry anything, and a renamed thing would start a
 * new series. Pure functions; tests/unit/metrics-labels.test.ts.
 */

/** What a label value may be: lower-case letters, digits, `_` and `-` (slugs, cuids, Prometheus-style keys). */
export const LABEL_VALUE = /^[a-z0-9][a-z0-9_-]*$/;
const MAX_LABEL_LENGTH = 64;

export function isLabelSafe(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && LABEL_VALUE.test(value);
}

/** A threshold's `metric` label: its metric key when that is slug-like (cpu_percent), else the threshold's id. */
export function thresholdMetricLabel(metric: string, thresholdId: string): string {
  return isLabelSafe(metric) ? metric : thresholdId;
}

/** Free text as a slug: lower case, runs of anything else turned into one `-`, trimmed. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_LABEL_LENGTH)
    .replace(/-+$/, "");
}

/**
 * The `component` label of each recovery row of one service: the component's name as a slug ("Primary
 * DB" → primary-db). When the slug is empty, or two components of the service slug alike ("DB" and
 * "db"), each of those rows is labelled by its own id instead, so no two series of a service collide.
 */
export function componentLabels(rows: readonly { id: string; component: string }[]): Map<string, string> {
  const slugs = new Map(rows.map((r) => [r.id, slugify(r.component)]));
  const uses = new Map<string, number>();
  for (const s of slugs.values()) uses.set(s, (uses.get(s) ?? 0) + 1);
  return new Map(rows.map((r) => {
    const s = slugs.get(r.id)!;
    return [r.id, s && uses.get(s) === 1 && isLabelSafe(s) ? s : r.id];
  }));
}
