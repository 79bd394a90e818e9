/**
 * An audit event's before/after snapshots as rows a person can read: one row per field, the fields that
 * changed first (PostgreSQL's jsonb keeps keys in its own order, not the writer's). A field that changed
 * shows both values; a field that did not, or that only one snapshot has (a creation, a removal), shows
 * its one value.
 */
export type AuditValue = { kind: "empty" } | { kind: "text"; text: string } | { kind: "time"; iso: string };

export interface AuditChangeRow {
  field: string;
  before?: AuditValue;
  after?: AuditValue;
  changed: boolean;
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

export function auditValue(value: unknown): AuditValue {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  if (typeof value === "string") return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? { kind: "time", iso: value } : { kind: "text", text: value };
  if (typeof value === "number" || typeof value === "boolean") return { kind: "text", text: String(value) };
  return { kind: "text", text: JSON.stringify(value) };
}

function asRecord(snapshot: unknown): Record<string, unknown> | null {
  if (snapshot === null || snapshot === undefined) return null;
  if (typeof snapshot === "object" && !Array.isArray(snapshot)) return snapshot as Record<string, unknown>;
  return { value: snapshot };
}

export function auditChanges(before: unknown, after: unknown): AuditChangeRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows = fields.map((field): AuditChangeRow => {
    const inBefore = b !== null && field in b;
    const inAfter = a !== null && field in a;
    if (inBefore && inAfter) {
      const changed = JSON.stringify(b[field]) !== JSON.stringify(a[field]);
      return changed ? { field, before: auditValue(b[field]), after: auditValue(a[field]), changed } : { field, after: auditValue(a[field]), changed };
    }
    return inBefore ? { field, before: auditValue(b![field]), changed: false } : { field, after: auditValue(a![field]), changed: false };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
