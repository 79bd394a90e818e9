import { auditChanges, type AuditValue } from "@/lib/audit/changes";
import { DateTime } from "@/components/ui/time";

function Value({ value }: { value: AuditValue }) {
  if (value.kind === "empty") return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  if (value.kind === "time") return <DateTime at={value.iso} />;
  return <span className="break-all">{value.text}</span>;
}

/**
 * The Change column of the audit log: "field: old → new" for what changed, "field: value" for the rest
 * (and for what was created or removed, which the action names). Times read as everywhere else.
 */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const rows = auditChanges(before, after);
  if (rows.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  return (
    <ul className="space-y-0.5">
      {rows.map((row) => (
        <li key={row.field}>
          <span className="text-zinc-600 dark:text-zinc-400">{row.field}: </span>
          {row.changed ? (
            <>
              <Value value={row.before!} />
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> changed to </span>
              <strong className="font-medium">
                <Value value={row.after!} />
              </strong>
            </>
          ) : (
            <Value value={(row.after ?? row.before)!} />
          )}
        </li>
      ))}
    </ul>
  );
}
