"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The pages of one service. A page adds its tab here when it lands. */
const TABS = [
  { href: "", label: "Checklist" },
  { href: "/uptime", label: "Uptime" },
  { href: "/thresholds", label: "Thresholds" },
  { href: "/recovery", label: "Recovery" },
] as const;

export function ServiceNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/services/${slug}`;
  return (
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
  );
}
