import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { currentActor } from "@/lib/auth/request";
import { describeRole } from "@/lib/auth/permissions";
import { lookupInvitation } from "@/lib/teams/invitations";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const REFUSALS = {
  unknown: ["This invitation link is not valid", "Check that you copied the whole link, or ask for a new invitation."],
  accepted: ["This invitation was already used", "Each invitation link works once. If that was you, sign in instead."],
  revoked: ["This invitation was withdrawn", "A team owner revoked it. Ask them for a new one if you still need access."],
  expired: ["This invitation has expired", "Invitations are valid for 7 days. Ask a team owner to resend it."],
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupInvitation(token);
  if (!found.ok) {
    const [title, text] = REFUSALS[found.reason];
    return (
      <div className="mx-auto max-w-md space-y-3 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-zinc-700 dark:text-zinc-300">{text}</p>
        <Link href="/signin" className="text-sky-700 underline dark:text-sky-400">
          Go to sign-in
        </Link>
      </div>
    );
  }
  const inv = found.invitation;
  const actor = await currentActor();
  return (
    <div className="mx-auto max-w-md space-y-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Join {inv.team.name} on Preflight</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        <strong>{inv.email}</strong> is invited as <strong>{inv.role}</strong>.
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{describeRole(inv.role)}.</p>
      {actor && actor.email !== inv.email ? (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p>
            You are signed in as <strong>{actor.email}</strong>, but this invitation is for <strong>{inv.email}</strong>.
            Sign out, then open the link again.
          </p>
          <SignOutButton />
        </div>
      ) : (
        <AcceptForm token={token} label={actor ? "Accept invitation" : `Accept and sign in as ${inv.email}`} />
      )}
    </div>
  );
}
