import Link from "next/link";

type TeamPage = "members" | "tokens" | "notifications" | "audit" | "waivers" | "status-page";

/** The team's pages; Notifications for owners and editors (alerts:read), the audit log for owners. */
export function TeamNav({ slug, current, isOwner, canReadAlerts }: { slug: string; current: TeamPage; isOwner: boolean; canReadAlerts: boolean }) {
  const links: { key: TeamPage; href: string; label: string }[] = [
    { key: "members", href: `/teams/${slug}`, label: "Members & invitations" },
    { key: "tokens", href: `/teams/${slug}/tokens`, label: "API tokens" },
    { key: "waivers", href: `/teams/${slug}/waivers`, label: "Waivers" },
    { key: "status-page", href: `/teams/${slug}/status-page`, label: "Status page" },
    ...(canReadAlerts ? [{ key: "notifications" as const, href: `/teams/${slug}/notifications`, label: "Notifications" }] : []),
    ...(isOwner ? [{ key: "audit" as const, href: `/teams/${slug}/audit`, label: "Audit log" }] : []),
  ];
  return (
    <nav aria-label="Team" className="flex flex-wrap gap-4 border-b border-zinc-200 text-sm dark:border-zinc-800">
      {links.map((l) => (
        <Link
          key={l.key}
          href={l.href}
          aria-current={current === l.key ? "page" : undefined}
          className={`-mb-px border-b-2 px-1 pb-2 ${current === l.key ? "border-sky-600 font-medium" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400"}`}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
