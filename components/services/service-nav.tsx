"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The pages of one service. A page adds its tab here when it lands. */
const TABS = [
  { href: "", label: "Checklist" },
  { href: "/uptime", label: "Uptime" },
  { href: "/history", label: "History" },
  { href: "/thresholds", label: "Thresholds" },
  { href: "/recovery", label: "Recovery" },
  { href: "/settings", label: "Settings" },
] as const;

type Props = { slug: string; serviceName: string; team: { slug: string; name: string } };

/**
 * The header every service page shares: one breadcrumb (board › team › service › page), then the tabs.
 * Kept in the layout so the four pages cannot drift apart again.
 */
export function ServiceNav({ slug, serviceName, team }: Props) {
  const pathname = usePathname();
  const base = `/services/${slug}`;
  const currentTab = TABS.find((tab) => pathname === base + tab.href);
  const onChecklist = pathname === base;
  return (
    <div className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <ol className="flex flex-wrap items-center gap-x-1.5">
          <li>
            <Link href="/" className="hover:underline">
              Board
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`/?${new URLSearchParams({ team: team.slug })}`} className="hover:underline">
              {team.name}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li className="min-w-0 break-words">
            <Link href={base} aria-current={onChecklist ? "page" : undefined} className="hover:underline">
              {serviceName}
            </Link>
          </li>
          {currentTab && !onChecklist ? (
            <>
              <li aria-hidden="true">/</li>
              <li aria-current="page">{currentTab.label}</li>
            </>
          ) : null}
        </ol>
      </nav>
      <nav aria-label="Service pages" className="border-b border-zinc-200 dark:border-zinc-800">
        <ul className="-mb-px flex flex-wrap gap-4 text-sm">
          {TABS.map((tab) => {
            const href = base + tab.href;
            const current = pathname === href;
            return (
              <li key={tab.label}>
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block border-b-2 px-1 pb-2 ${
                    current ? "border-zinc-900 font-medium dark:border-zinc-100" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
