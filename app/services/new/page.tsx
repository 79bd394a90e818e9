import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { can, canInSomeTeam } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/request";
import { requirePageActor } from "@/lib/auth/page";
import { listTeams } from "@/lib/teams/members";
import { templateChoices } from "@/lib/templates/manage";
import { NewServiceForm } from "./form";

export const dynamic = "force-dynamic";
/** The refusal's title when the page refuses (forbidden.tsx cannot set it: the page's metadata wins). */
export async function generateMetadata(): Promise<Metadata> {
  const actor = await currentActor();
  return { title: actor && !canInSomeTeam(actor, "service:create") ? "Not allowed" : "New service" };
}

export default async function NewServicePage() {
  const actor = await requirePageActor("/services/new");
  const teamIds = [...actor.roles.keys()].filter((id) => can(actor, id, "service:create"));
  // A member without the role gets a 403 that says which role it needs (forbidden.tsx beside this page).
  if (teamIds.length === 0) forbidden();
  const [teams, templates] = await Promise.all([
    listTeams(teamIds),
    templateChoices(),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">New service</h1>
      <NewServiceForm teams={teams} templates={templates} />
    </div>
  );
}
