import type { Metadata } from "next";
import { teamTitle } from "@/lib/pages/titles";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Table } from "@/components/ui/table";
import { AuditDetails } from "@/components/audit/audit-details";
import { AuditSentence } from "@/components/audit/audit-sentence";
import { TeamNav } from "@/components/teams/team-nav";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { DateTime } from "@/components/ui/time";
import { can } from "@/lib/auth/actor";
import { describeAuditEntry } from "@/lib/audit/describe";
import { loadAuditNames } from "@/lib/audit/names";
import { auditFilterSchema, auditServiceOptions, listAuditEvents } from "@/lib/audit/query";
import { loadTeamPage } from "@/lib/teams/page-data";

export const dynamic = "force-dynamic";

const VIA = { ui: "UI", api: "API token", cli: "CLI", system: "system" } as const;
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: await teamTitle(slug, "Audit log", "audit:read") };
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const { actor, team } = await loadTeamPage(slug, `/teams/${slug}/audit`);
  if (!can(actor, team.id, "audit:read")) forbidden();
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v)));
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const [{ events, nextBefore }, services] = await Promise.all([listAuditEvents(team.id, filter), auditServiceOptions(team.id)]);
  const names = await loadAuditNames(events);
  const filtered = Object.values(raw).some(Boolean);
  const nextQuery = new URLSearchParams(Object.entries({ ...raw, before: nextBefore ?? "" }).filter(([, v]) => v) as [string, string][]);

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Team {team.name}</h1>
        <TeamNav slug={slug} current="audit" isOwner canReadAlerts={can(actor, team.id, "alerts:read")} />
      </div>
      <FilterForm action={`/teams/${slug}/audit`} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit log">
        <SelectField label="Service" name="service" defaultValue={raw.service ?? ""}>
          <option value="">any</option>
          {services.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
              {s.archived ? " (archived)" : ""}
            </option>
          ))}
        </SelectField>
        <TextField label="Action starts with" name="action" defaultValue={raw.action ?? ""} placeholder="checklist." />
        <TextField label="Actor email contains" name="actor" defaultValue={raw.actor ?? ""} />
        <SelectField label="Via" name="via" defaultValue={raw.via ?? ""}>
          <option value="">any</option>
          <option value="ui">UI</option>
          <option value="api">API token</option>
          <option value="cli">CLI</option>
          <option value="system">system</option>
        </SelectField>
        <TextField label="From (UTC date)" name="from" type="date" defaultValue={raw.from ?? ""} />
        <TextField label="To (UTC date)" name="to" type="date" defaultValue={raw.to ?? ""} />
        <div className="sm:col-span-3 lg:col-span-6">
          <Button type="submit" variant="secondary">Filter</Button>
        </div>
      </FilterForm>
      {!parsed.success ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">Some filters were not valid and were ignored.</p> : null}
      {events.length === 0 && !filtered ? (
        <EmptyState title="No events yet">Every change to this team&apos;s services, members and tokens is recorded here: who, via the UI, a token or the CLI, before and after.</EmptyState>
      ) : events.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No events match these filters.</p>
      ) : (
        <Table caption="Audit events, newest first" columns={["When", "What happened", "Via", "IP"]} alignTop>
          {events.map((e) => {
            const d = describeAuditEntry(e, names);
            return (
              <tr key={e.id.toString()}>
                {/* On a phone the moment wraps to two lines, so the sentence fits the first screen; Via and IP scroll. */}
                <td className="w-24 py-2 pr-3 sm:w-auto sm:whitespace-nowrap"><DateTime at={e.at} seconds /></td>
                <td className="min-w-56 py-2 pr-3 sm:min-w-64">
                  <AuditSentence parts={d.sentence} />
                  <AuditDetails details={d.details} />
                  <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
                    {e.actorEmail && e.via !== "system" ? `${e.actorEmail} · ` : ""}
                    <code>{e.action}</code>
                  </span>
                </td>
                <td className="py-2 pr-3">{VIA[e.via]}</td>
                <td className="py-2">{e.ip ?? "—"}</td>
              </tr>
            );
          })}
        </Table>
      )}
      {nextBefore ? (
        <Link href={`/teams/${slug}/audit?${nextQuery}`} className="text-sky-700 underline dark:text-sky-400">
          Older events
        </Link>
      ) : null}
    </div>
  );
}
