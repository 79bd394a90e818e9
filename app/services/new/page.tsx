import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { can } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { listTeams } from "@/lib/teams/members";
import { templateChoices } from "@/lib/templates/manage";
import { NewServiceForm } from "./form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New service" };

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
