import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { SiteHeaderUser } from "@/lib/pages/header";

/** The site header; the root layout loads `user` (lib/pages/header.ts). */
export function SiteHeader({ user }: { user: SiteHeaderUser | null }) {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden="true" className="inline-block h-5 w-5 rounded bg-sky-600" />
          Preflight
        </Link>
        {user ? (
          <>
            <Link href="/" className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              Board
            </Link>
            <Link href="/templates" className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              Templates
            </Link>
            {user.admin ? (
              <Link href="/teams" className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                Teams
              </Link>
            ) : null}
            {user.teams.map((t) => (
              <Link
                key={t.slug}
                href={`/teams/${t.slug}`}
                className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              >
                Team {t.name}
              </Link>
            ))}
            <span className="ml-auto flex items-center gap-3 text-sm">
              <span className="text-zinc-600 dark:text-zinc-400" title="Signed in">
                {user.email}
              </span>
              {user.admin ? (
                <span className="rounded border border-zinc-300 px-1.5 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-600 dark:text-zinc-300" title="Instance admin (PREFLIGHT_ADMIN_EMAILS): creates, renames and deletes teams">
                  admin
                </span>
              ) : null}
              <SignOutButton />
            </span>
          </>
        ) : (
          <Link href="/signin" className="ml-auto text-sm text-sky-700 underline dark:text-sky-400">
            Sign in
          </Link>
        )}
      </nav>
    </header>
  );
}
