import type { Metadata } from "next";
import Link from "next/link";
import { BoardAnnouncer } from "@/components/board/board-announcer";
import { ServiceCard } from "@/components/board/service-card";
import { ScoreSparkline } from "@/components/board/score-sparkline";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { PhoneFilters } from "@/components/board/phone-filters";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { canInSomeTeam, isInstanceAdmin } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { env } from "@/lib/env";
import { boardFilterSchema, loadBoard } from "@/lib/services/board";
import { BOARD_TREND_DAYS } from "@/lib/history/dates";
import { formatDate } from "@/lib/format/time";
import { describeLevel } from "@/lib/readiness/compute";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Readiness board" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BoardPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("/");
  const raw = await searchParams;
  const filter = boardFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const renderedAt = new Date();
  const board = await loadBoard(actor, filter, renderedAt);
  const canCreate = canInSomeTeam(actor, "service:create");
  const filtered = Boolean(filter.q || filter.level || filter.team || filter.tag || filter.tier);

  return (
    <div className="space-y-6">
      <LiveRefresh seconds={env().PREFLIGHT_REFRESH_SECONDS} />
      <BoardAnnouncer teams={board.teams} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Readiness board</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {filtered ? `${board.shown} of ${board.total} services match` : `${board.total} ${board.total === 1 ? "service" : "services"}`}
          </p>
        </div>
        {canCreate ? (
          <Link href="/services/new" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
            New service
          </Link>
        ) : null}
      </div>

      {board.total > 0 ? (
        <PhoneFilters active={[filter.q, filter.level, filter.team, filter.tag, filter.tier].filter(Boolean).length}>
          <FilterForm action="/" role="search" aria-label="Filter services" applyOnChange className="grid gap-3 sm:grid-cols-4 lg:grid-cols-7">
            <div className="sm:col-span-2">
              <TextField label="Search" hint="Name, slug, description, tag or team owner" name="q" type="search" defaultValue={filter.q ?? ""} />
            </div>
            <SelectField label="Level" name="level" defaultValue={filter.level ?? ""}>
              <option value="">any</option>
              <option value="not-ready">Not ready</option>
              <option value="at-risk">At risk</option>
              <option value="ready">Ready</option>
            </SelectField>
            <SelectField label="Team" name="team" defaultValue={filter.team ?? ""}>
              <option value="">all</option>
              {board.allTeams.map((t) => (
                <option key={t.slug} value={t.slug}>{t.name}</option>
              ))}
            </SelectField>
            <SelectField label="Tag" name="tag" defaultValue={filter.tag ?? ""}>
              <option value="">any</option>
              {board.allTags.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </SelectField>
            <SelectField label="Tier" name="tier" defaultValue={filter.tier ? String(filter.tier) : ""}>
              <option value="">any</option>
              {[1, 2, 3, 4].map((t) => (
                <option key={t} value={t}>Tier {t}{t === 1 ? " (most critical)" : ""}</option>
              ))}
            </SelectField>
            {/* Name is the default order: its value stays out of the URL. */}
            <SelectField label="Sort by" name="sort" defaultValue={filter.sort === "name" ? "" : filter.sort}>
              <option value="">Name</option>
              <option value="score">Score (lowest first)</option>
              <option value="tier">Tier (1 first)</option>
            </SelectField>
            {/* Choices apply as they are made (typing after a pause); the button is for Enter and for no JavaScript. */}
            <div className="flex gap-2 sm:col-span-4 lg:col-span-7">
              <Button type="submit" variant="secondary">Apply</Button>
              {filtered ? (
                <Link href="/" className="self-center text-sm text-sky-700 underline dark:text-sky-400">Clear filters</Link>
              ) : null}
            </div>
          </FilterForm>
        </PhoneFilters>
      ) : null}

      {board.upcomingDrops.length > 0 ? (
        <section aria-labelledby="upcoming-rules" className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
          <h2 id="upcoming-rules" className="font-semibold">Upcoming rules</h2>
          <ul className="space-y-1">
            {board.upcomingDrops.map((d) => (
              <li key={d.date.toISOString()}>
                From {formatDate(d.date)}:{" "}
                {d.services.map((s, i) => (
                  <span key={s.slug}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/services/${s.slug}`} className="text-sky-700 underline dark:text-sky-400">{s.name}</Link> would drop from {describeLevel(s.from)} to {describeLevel(s.to)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {board.total === 0 ? (
        <EmptyState title={board.allTeams.length ? "No services yet" : "You are not in a team yet"}>
          {board.allTeams.length
            ? canCreate
              ? "Register your first service to get its readiness checklist."
              : "Services appear here once an editor registers them."
            : isInstanceAdmin(actor)
              ? (
                <>
                  <p>As an instance admin you can create one: you become its owner, then register services and invite people.</p>
                  <Link href="/teams/new" className="mt-3 inline-block rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
                    New team
                  </Link>
                </>
              )
              : "Ask a team owner to invite you; the invitation link adds you to their team."}
        </EmptyState>
      ) : board.teams.length === 0 ? (
        <EmptyState title="No service matches these filters">
          <Link href="/" className="text-sky-700 underline dark:text-sky-400">Clear filters</Link>
        </EmptyState>
      ) : (
        board.teams.map((team) => (
          <section key={team.slug} aria-labelledby={`team-${team.slug}`} className="space-y-3">
            <div className="flex flex-wrap items-baseline gap-x-4">
              <h2 id={`team-${team.slug}`} className="text-lg font-semibold">{team.name}</h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {team.ready} of {team.total} ready · average score {team.averageScore ?? "—"}
              </p>
              <ScoreSparkline points={team.trend} days={BOARD_TREND_DAYS} now={renderedAt} label={`${team.name} mean score trend`} />
            </div>
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {team.services.map((s) => (
                <ServiceCard key={s.id} service={s} now={renderedAt} />
              ))}
            </ul>
          </section>
        ))
      )}
      {board.pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
          {board.page > 1 ? (
            <Link href={pageHref(raw, board.page - 1)} className="text-sky-700 underline dark:text-sky-400">
              ← Previous
            </Link>
          ) : null}
          <span>
            Page {board.page} of {board.pages}
          </span>
          {board.page < board.pages ? (
            <Link href={pageHref(raw, board.page + 1)} className="text-sky-700 underline dark:text-sky-400">
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function pageHref(raw: Record<string, string | string[] | undefined>, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string" && v && k !== "page") q.set(k, v);
  if (page > 1) q.set("page", String(page));
  return `/${q.size ? `?${q}` : ""}`;
}
