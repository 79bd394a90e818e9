import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { isInstanceAdmin } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/request";
import { requirePageActor } from "@/lib/auth/page";
import { createTeamAction } from "../actions";

export const dynamic = "force-dynamic";
/** The refusal's title when the page refuses (forbidden.tsx cannot set it: the page's metadata wins). */
export async function generateMetadata(): Promise<Metadata> {
  const actor = await currentActor();
  return { title: actor && !isInstanceAdmin(actor) ? "Not allowed" : "New team" };
}

/** Instance admins only; anyone else gets a 403 that says so (forbidden.tsx). */
export default async function NewTeamPage() {
  const actor = await requirePageActor("/teams/new");
  if (!isInstanceAdmin(actor)) forbidden();
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New team</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          You become the team&apos;s owner: then register its services and invite its people. <Link href="/teams" className="text-sky-700 underline dark:text-sky-400">All teams</Link>
        </p>
      </div>
      <ActionForm action={createTeamAction} submitLabel="Create team" pendingLabel="Creating…">
        <TextField label="Name" name="name" required maxLength={100} autoComplete="off" />
        <TextField label="Slug (optional)" name="slug" maxLength={60} pattern="[a-z0-9]+(-[a-z0-9]+)*" hint="Lower-case letters, digits and single dashes, used in URLs; derived from the name when empty." autoComplete="off" />
      </ActionForm>
    </div>
  );
}
