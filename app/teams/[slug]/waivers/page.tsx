import type { Metadata } from "next";
import Link from "next/link";
import { TeamNav } from "@/components/teams/team-nav";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { can } from "@/lib/auth/actor";
import { teamWaivers } from "@/lib/checklists/team-waivers";
import { formatDate } from "@/lib/format/time";
import { teamTitle } from "@/lib/pages/titles";
import type { WaiverView } from "@/lib/readiness/item-status";
import { loadTeamPage } from "@/lib/teams/page-data";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: await teamTitle(slug, "Waivers") };
}

const STATUS: Record<WaiverView, { text: string; tone: BadgeTone; icon: string }> = {
  pending: { text: "awaiting approval", tone: "warn", icon: "…" },
  approved: { text: "approved", tone: "good", icon: "✓" },
  rejected: { text: "rejected", tone: "bad", icon: "✕" },
  expired: { text: "expired", tone: "bad", icon: "!" },
};

/** Every waiver of the team's services with its expiry, soonest first (every member). */
export default async function WaiversPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, team } = await loadTeamPage(slug, `/teams/${slug}/waivers`);
  const waivers = await teamWaivers(team.id, new Date());
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Team {team.name}</h1>
        <TeamNav slug={slug} current="waivers" isOwner={can(actor, team.id, "members:manage")} canReadAlerts={can(actor, team.id, "alerts:read")} />
      </div>
      <section aria-labelledby="waivers-heading" className="space-y-3">
        <h2 id="waivers-heading" className="text-lg font-semibold">
          Waivers ({waivers.length})
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Required checklist items marked N/A. Each counts as open until an owner or reviewer other than whoever asked approves it, and again once it expires.
        </p>
        {waivers.length === 0 ? (
          <EmptyState title="No waivers">No required item of this team&apos;s services is marked N/A.</EmptyState>
        ) : (
          <Table caption="Waivers of the team's services, soonest expiry first" columns={["Item", "Service", "Status", "Expires", "Asked by", "Decided by"]}>
            {waivers.map((w) => (
              <tr key={`${w.service.slug}/${w.itemKey}`}>
                <td className="py-2 pr-4">
                  <Link href={`/services/${w.service.slug}#item-${encodeURIComponent(w.itemKey)}`} className="font-medium text-sky-700 underline dark:text-sky-400">
                    {w.title}
                  </Link>
                  {w.reason ? <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">{w.reason}</p> : null}
                </td>
                <td className="py-2 pr-4">{w.service.name}</td>
                <td className="py-2 pr-4">
                  <Badge tone={STATUS[w.status].tone}>
                    <span aria-hidden="true">{STATUS[w.status].icon}</span>
                    {STATUS[w.status].text}
                  </Badge>
                </td>
                <td className="py-2 pr-4">{w.expiresAt ? formatDate(w.expiresAt) : "—"}</td>
                <td className="py-2 pr-4">{w.requestedBy ?? "—"}</td>
                <td className="py-2 pr-4">{w.decidedBy ?? "—"}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
