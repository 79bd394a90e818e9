import type { AuditDetail } from "@/lib/audit/fields";

/** The fields an audit entry changed: "RTO: 10 min → 15 min" (read as "changed to"), or "Reason: …". */
export function AuditDetails({ details }: { details: readonly AuditDetail[] }) {
  if (details.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-zinc-700 dark:text-zinc-300">
      {details.map((d) => (
        <li key={d.label} className="wrap-anywhere">
          <span className="text-zinc-600 dark:text-zinc-400">{d.label}: </span>
          {d.from !== undefined ? (
            <>
              <span>{d.from}</span>
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> changed to </span>
            </>
          ) : null}
          <strong className="font-medium">{d.to}</strong>
        </li>
      ))}
    </ul>
  );
}
