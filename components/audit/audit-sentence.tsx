import Link from "next/link";
import type { AuditPart } from "@/lib/audit/describe";

/** An audit entry's sentence, with the service, item or check it names as links. */
export function AuditSentence({ parts }: { parts: readonly AuditPart[] }) {
  return (
    <span>
      {parts.map((p, i) =>
        typeof p === "string" ? (
          <span key={i}>{p}</span>
        ) : (
          <Link key={i} href={p.href} className="font-medium text-sky-700 underline dark:text-sky-400">
            {p.text}
          </Link>
        ),
      )}
    </span>
  );
}
