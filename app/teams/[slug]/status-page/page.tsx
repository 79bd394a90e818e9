import type { Metadata } from "next";
import Link from "next/link";
import { TeamNav } from "@/components/teams/team-nav";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxGroup, TextField } from "@/components/ui/field";
import { Status } from "@/components/ui/status";
import { can } from "@/lib/auth/actor";
import { teamTitle } from "@/lib/pages/titles";
import { statusPageSettings } from "@/lib/status-page/settings";
import { loadTeamPage } from "@/lib/teams/page-data";
import { saveStatusPageAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: await teamTitle(slug, "Status page") };
}

/** The team's public status page: every member sees whether it is published; owners publish it and choose its services. */
export default async function StatusPageSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, team } = await loadTeamPage(slug, `/teams/${slug}/status-page`);
  const settings = await statusPageSettings(team.id);
  const canManage = can(actor, team.id, "status-page:manage");
  const chosen = new Set(settings.serviceIds);
  const listed = settings.services.filter((s) => chosen.has(s.id));
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Team {team.name}</h1>
        <TeamNav slug={slug} current="status-page" isOwner={can(actor, team.id, "members:manage")} canReadAlerts={can(actor, team.id, "alerts:read")} />
      </div>
      <section aria-labelledby="status-page-heading" className="space-y-3">
        <h2 id="status-page-heading" className="text-lg font-semibold">Public status page</h2>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Status status={settings.published ? { tone: "good", text: "Published" } : { tone: "neutral", text: "Not published" }} />
          {settings.published ? (
            <Link href={`/status/${slug}`} className="text-sky-700 underline dark:text-sky-400">
              /status/{slug}
            </Link>
          ) : null}
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Anyone with the link, signed in or not, sees the listed services&apos; names and descriptions, their status, 90 days of uptime and incidents (with the
          class of error, never its message), and their maintenance windows with their reason. Check URLs, error messages and members are never shown. Figures
          are at most 30 seconds old.
        </p>
        {canManage ? (
          settings.services.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">The team has no services yet: add one before publishing its status.</p>
          ) : (
            <ActionForm action={saveStatusPageAction.bind(null, slug)} submitLabel="Save status page" className="max-w-xl">
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="published" defaultChecked={settings.published} className="mt-1" />
                <span>Publish the page at /status/{slug}</span>
              </label>
              <TextField label="Title" name="title" id="status-page-title" required maxLength={100} defaultValue={settings.title} />
              <CheckboxGroup
                legend="Services on the page"
                name="serviceIds"
                columns
                options={settings.services.map((s) => ({ value: s.id, label: s.name, defaultChecked: chosen.has(s.id) }))}
              />
            </ActionForm>
          )
        ) : (
          <div className="space-y-2 text-sm">
            <p>Title: {settings.title}</p>
            <p>Services: {listed.length ? listed.map((s) => s.name).join(", ") : "none"}</p>
            <p className="text-zinc-600 dark:text-zinc-400">Only an owner publishes the page or changes it.</p>
          </div>
        )}
      </section>
    </div>
  );
}
