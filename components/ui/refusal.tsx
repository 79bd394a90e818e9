import Link from "next/link";
import type { ReactNode } from "react";
import { Status } from "./status";

/**
 * A page the person may not use (a segment's forbidden.tsx, answered 403): what it needs, what they
 * have, and the way back. Never used for what they may not see: that is the 404 page.
 */
export function Refusal({ title, children, links }: { title: string; children: ReactNode; links: { href: string; label: string }[] }) {
  return (
    <div className="mx-auto max-w-xl space-y-3 py-12">
      <Status status={{ tone: "bad", text: "Not allowed" }} />
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="space-y-2 text-zinc-700 dark:text-zinc-300">{children}</div>
      <ul className="flex flex-wrap gap-x-6 gap-y-2 pt-3">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="text-sky-700 underline dark:text-sky-400">
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "You are a viewer in Platform and a reviewer in Payments." (nothing when they are in no team) */
export function YourRoles({ roles }: { roles: { team: string; role: string }[] }) {
  if (roles.length === 0) return <p>You are not in a team yet: a team owner can invite you.</p>;
  const parts = roles.map((r) => `${/^[aeiou]/.test(r.role) ? "an" : "a"} ${r.role} in ${r.team}`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return <p data-testid="your-roles">You are {list}.</p>;
}
