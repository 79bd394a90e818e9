import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { isInstanceAdmin } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { listTeams } from "@/lib/teams/manage";
import { deleteTeamAction, renameTeamAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Teams" };

/** Your teams; for an instance admin every team, with rename and delete. */
export default async function TeamsPage() {
  const actor = await requirePageActor("/teams");
  const admin = isInstanceAdmin(actor);
  const teams = await listTeams(actor);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {admin ? "Every team of this Preflight (you are an instance admin)." : "The teams you are a member of."}
          </p>
        </div>
        {admin ? (
          <Link href="/teams/new" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
            New team
          </Link>
        ) : null}
      </div>
      {teams.length === 0 ? (
        <EmptyState title={admin ? "No teams yet" : "You are not in a team yet"}>
          {admin ? "Create the first team: you become its owner and can then invite people." : "Ask a team owner to invite you; the invitation link adds you to their team."}
        </EmptyState>
      ) : (
        <Table caption="Teams" alignTop columns={["Team", "Members", "Services", "Your role", ...(admin ? [{ label: "Manage", srOnly: true }] : [])]}>
          {teams.map((t) => (
            <tr key={t.slug}>
              <td className="py-2 pr-4">
                {t.role ? (
                  <Link href={`/teams/${t.slug}`} className="font-medium text-sky-700 underline dark:text-sky-400">{t.name}</Link>
                ) : (
                  <span className="font-medium">{t.name}</span>
                )}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{t.slug}</span>
              </td>
              <td className="py-2 pr-4">{t.members}</td>
              <td className="py-2 pr-4">{t.services}</td>
              <td className="py-2 pr-4">{t.role ?? "not a member"}</td>
              {admin ? (
                <td className="space-y-2 py-2">
                  <details className="text-sm">
                    <summary className="cursor-pointer select-none font-medium text-sky-700 hover:underline dark:text-sky-400">Rename {t.name}…</summary>
                    <div className="mt-2">
                      <ActionForm action={renameTeamAction.bind(null, t.slug)} submitLabel="Rename" submitAriaLabel={`Rename ${t.name}`} variant="secondary">
                        <TextField label={`New name for ${t.name}`} name="name" id={`rename-${t.slug}`} required maxLength={100} defaultValue={t.name} />
                      </ActionForm>
                    </div>
                  </details>
                  <details className="text-sm">
                    <summary className="cursor-pointer select-none font-medium text-red-700 hover:underline dark:text-red-400">Delete {t.name}…</summary>
                    <div className="mt-2 space-y-2">
                      {t.services === 0 ? (
                        <>
                          <p>The team has no services. Its members, invitations and API tokens go with it; its audit log is kept.</p>
                          <ActionForm action={deleteTeamAction.bind(null, t.slug)} submitLabel={`Delete ${t.name}`} variant="danger" inline />
                        </>
                      ) : (
                        <>
                          <p>
                            The team has {t.services} {t.services === 1 ? "service" : "services"}: they are archived with it (kept, but nobody sees them; its tokens and invitations are revoked and its health checks paused).
                          </p>
                          <ActionForm action={deleteTeamAction.bind(null, t.slug)} submitLabel={`Archive ${t.name} and its services`} variant="danger">
                            <TextField label={`Type the team's name, ${t.name}, to confirm`} name="confirm" id={`confirm-${t.slug}`} required autoComplete="off" />
                          </ActionForm>
                        </>
                      )}
                    </div>
                  </details>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
