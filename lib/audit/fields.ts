/**
 * The fields of audit snapshots in words: a label for each field ("RTO", not `rtoSeconds`) and its value
 * in the units people read elsewhere in the app (durations, sizes, moments of lib/format). Pure.
 */
import { formatBytes } from "@/lib/format/bytes";
import { formatDateTime, formatDuration } from "@/lib/format/time";

/** One line of an audit entry: "RTO: 10 min → 15 min", or "Reason: no public endpoint" (no `from`). */
export interface AuditDetail {
  label: string;
  from?: string;
  to: string;
}

export type Snapshot = Record<string, unknown>;

/** A snapshot as a record (an absent or non-object snapshot is empty). */
export function snapshot(value: unknown): Snapshot {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Snapshot) : {};
}

const LABELS: Record<string, string> = {
  rtoSeconds: "RTO",
  rpoSeconds: "RPO",
  drillIntervalDays: "Drill every",
  intervalSeconds: "Interval",
  graceSeconds: "Grace period",
  sustainedSeconds: "Sustained for",
  timeoutMs: "Timeout",
  latencyLimitMs: "Latency limit",
  sizeBytes: "Size",
  evidenceUrl: "Evidence link",
  naReason: "Reason",
  metricsUrl: "Metrics URL",
  runbookUrl: "Runbook",
  repositoryUrl: "Repository",
  onCall: "On call",
  expectedStatus: "Expected status",
  failuresBeforeDown: "Failures before down",
  successesBeforeUp: "Successes before up",
  jsonPath: "JSON path",
  jsonEquals: "JSON value",
  scrapeSeries: "Scraped series",
  comparator: "Comparison",
  scoreAtDecision: "Readiness score",
  url: "URL",
};

/** Bookkeeping that says nothing to a person: version counters and internal ids. */
export function isHiddenField(field: string): boolean {
  return field === "version" || field === "id" || /Id$/.test(field);
}

/** "RTO" for `rtoSeconds`, "Items added" for `itemsAdded`. */
export function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = field
    .replace(/(Seconds|Ms|Bytes|Days)$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : field;
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** A field's value in words and units: "15 min", "190 MiB", "26 Nov 2026, 19:25 UTC", "yes", "a, b". */
export function formatField(field: string, value: unknown): string {
  if (isEmptyValue(value)) return "none";
  if (typeof value === "number") {
    if (/Seconds$/.test(field)) return formatDuration(value);
    if (/Ms$/.test(field)) return `${value.toLocaleString("en-US")} ms`;
    if (/Bytes$/.test(field)) return formatBytes(value);
    if (/Days$/.test(field)) return `${value.toLocaleString("en-US")} ${value === 1 ? "day" : "days"}`;
    return value.toLocaleString("en-US");
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : value;
  if (Array.isArray(value)) {
    return value.map((v) => (v !== null && typeof v === "object" && "name" in v ? String((v as { name: unknown }).name) : formatField("", v))).join(", ");
  }
  return Object.entries(snapshot(value))
    .filter(([k]) => !isHiddenField(k))
    .map(([k, v]) => `${fieldLabel(k)} ${formatField(k, v)}`)
    .join(", ");
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || (isEmptyValue(a) && isEmptyValue(b));

/** "Note: a → b"; a value that appears: "Note: b"; one that goes: "Note: a → none". Null when unchanged. */
export function changeDetail(field: string, before: unknown, after: unknown, label = fieldLabel(field), format: (v: unknown) => string = (v) => formatField(field, v)): AuditDetail | null {
  if (same(before, after)) return null;
  if (isEmptyValue(before)) return { label, to: format(after) };
  return { label, from: format(before), to: isEmptyValue(after) ? "none" : format(after) };
}

/** The fields that differ between two snapshots, in the order the after snapshot lists them; bookkeeping left out. */
export function changedDetails(before: unknown, after: unknown, opts: { skip?: readonly string[]; format?: (field: string, value: unknown) => string } = {}): AuditDetail[] {
  const b = snapshot(before);
  const a = snapshot(after);
  const skip = new Set(opts.skip ?? []);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !skip.has(f) && !isHiddenField(f));
  const format = opts.format ?? formatField;
  return fields.map((f) => changeDetail(f, b[f], a[f], fieldLabel(f), (v) => format(f, v))).filter((d): d is AuditDetail => d !== null);
}

/** Every field of one snapshot (what a creation or removal recorded), bookkeeping and empty values left out. */
export function snapshotDetails(value: unknown, opts: { skip?: readonly string[] } = {}): AuditDetail[] {
  const skip = new Set(opts.skip ?? []);
  return Object.entries(snapshot(value))
    .filter(([f, v]) => !skip.has(f) && !isHiddenField(f) && !isEmptyValue(v))
    .map(([f, v]) => ({ label: fieldLabel(f), to: formatField(f, v) }));
}

/** "RTO: 10 min → 15 min" as plain text (tests, the API's history, screen-reader-free contexts). */
export function detailText(d: AuditDetail): string {
  return d.from === undefined ? `${d.label}: ${d.to}` : `${d.label}: ${d.from} → ${d.to}`;
}
