import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "No access" };

export default function RefusedPage() {
  return (
    <div className="mx-auto max-w-md space-y-3 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">This account has no access to Preflight</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        You signed in with an account whose email is not a member of any team and has no invitation. Preflight is
        open to members of its teams and to people they invite. Ask a team owner or editor to invite you,
        then follow the link in the invitation.
      </p>
      <Link href="/signin" className="text-sky-700 underline dark:text-sky-400">
        Try another email
      </Link>
    </div>
  );
}
