import { ServiceCard } from "@/components/board/service-card";
import { EmptyState } from "@/components/ui/empty-state";
import { loadBoard } from "@/lib/services/board";
import { visibleTeamIds } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function BoardPage() {
  const actor = await requirePageActor("/");
  const teams = await loadBoard(visibleTeamIds(actor));
  const services = teams.flatMap((t) => t.services);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Readiness board</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {services.length} {services.length === 1 ? "service" : "services"} in {teams.length}{" "}
          {teams.length === 1 ? "team" : "teams"}
        </p>
      </div>
      {services.length === 0 ? (
        <EmptyState title={teams.length ? "No services yet" : "You are not in a team yet"}>
          {teams.length
            ? "Services appear here once an editor registers them."
            : "Ask a team owner to invite you; the invitation link adds you to their team."}
        </EmptyState>
      ) : (
        teams
          .filter((t) => t.services.length > 0)
          .map((team) => (
            <section key={team.slug} aria-labelledby={`team-${team.slug}`}>
              <h2 id={`team-${team.slug}`} className="mb-3 text-lg font-semibold">
                {team.name}
              </h2>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {team.services.map((s) => (
                  <ServiceCard key={s.id} service={s} />
                ))}
              </ul>
            </section>
          ))
      )}
    </div>
  );
}
