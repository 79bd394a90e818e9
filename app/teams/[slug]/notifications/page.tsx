import type { Metadata } from "next";
import Link from "next/link";
import { ChannelCard } from "@/components/alerts/channel-card";
import { ChannelFields } from "@/components/alerts/channel-fields";
import { TeamNav } from "@/components/teams/team-nav";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/field";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { describeChannelRules } from "@/lib/alerts/channel-rules";
import { channelServiceChoices, listChannels, recentDeliveries } from "@/lib/alerts/channels";
import { can } from "@/lib/auth/actor";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { teamTitle } from "@/lib/pages/titles";
import { loadTeamPage } from "@/lib/teams/page-data";
import { createChannelAction, updateChannelAction } from "./actions";

export const dynamic = "force-dynamic";

/** Deliveries shown per channel on the page (the API lists 20). */
const DELIVERIES_SHOWN = 5;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ edit?: string; service?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: await teamTitle(slug, "Notifications") };
}

const SIGNING_SECRET_LABELS = { field: "Signing secret (shown once)", copy: "Copy signing secret" };

export default async function NotificationsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { edit, service: serviceSlug } = await searchParams;
  const { actor, team, role } = await loadTeamPage(slug, `/teams/${slug}/notifications`);
  const canRead = can(actor, team.id, "alerts:read");
  const canManage = can(actor, team.id, "alerts:manage");
  const header = (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Team {team.name}</h1>
      <TeamNav slug={slug} current="notifications" isOwner={can(actor, team.id, "members:manage")} canReadAlerts={canRead} />
    </div>
  );
  if (!canRead) {
    return (
      <div className="space-y-8">
        {header}
        <Alert tone="info">
          The notification channels of {team.name} are for its {PERMISSIONS["alerts:read"].map((r) => `${r}s`).join(" and ")}; your role is {role}. Ask an owner of the team if you need to see them.
        </Alert>
      </div>
    );
  }

  const [channels, services] = await Promise.all([listChannels(actor, team.id), channelServiceChoices(team.id)]);
  // ?service=<slug> (linked from a service's incidents, thresholds and recovery): its deliveries only.
  const about = services.find((s) => s.slug === serviceSlug);
  const deliveries = await recentDeliveries(
    channels.map((c) => c.id),
    DELIVERIES_SHOWN,
    about?.id,
  );
  const serviceNames = new Map(services.map((s) => [s.slug, s.name]));
  const editing = canManage ? channels.find((c) => c.id === edit) : undefined;
  const now = new Date();

  return (
    <div className="space-y-8">
      <LiveRefresh seconds={env().PREFLIGHT_REFRESH_SECONDS} />
      {header}
      <section aria-labelledby="channels-heading" className="space-y-4">
        <div className="space-y-1">
          <h2 id="channels-heading" className="text-lg font-semibold">
            Notification channels{channels.length ? ` (${channels.length})` : ""}
          </h2>
          <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Where the team&apos;s alerts go: health checks going down and coming back, certificates about to expire, breached thresholds, overdue or failed backups,
            missed drills, reviews and readiness changes.
            {canManage ? "" : " You can see the channels and how their deliveries go; an owner of the team adds and changes them."}
          </p>
        </div>

        {about ? (
          <Alert tone="info">
            Deliveries about {about.name} only.{" "}
            <Link href={`/teams/${slug}/notifications`} className="underline">
              Show every delivery
            </Link>{" "}
            or go back to{" "}
            <Link href={`/services/${about.slug}`} className="underline">
              {about.name}
            </Link>
            .
          </Alert>
        ) : null}

        {editing ? (
          <section id="edit-channel" aria-labelledby="edit-channel-title" className="space-y-3 rounded-lg border border-sky-300 p-4 dark:border-sky-800">
            <h3 id="edit-channel-title" className="text-base font-semibold">
              Edit “{editing.name}”
            </h3>
            <ActionForm action={updateChannelAction.bind(null, slug, editing.id, editing.type)} submitLabel="Save channel">
              <ChannelFields idPrefix="edit" channel={editing} services={services} />
            </ActionForm>
            <Link href={`/teams/${slug}/notifications`} className="text-sm underline">
              Cancel
            </Link>
          </section>
        ) : null}

        {channels.length === 0 ? (
          <EmptyState title="No notification channels yet">
            <p>
              A channel is where alerts go: email addresses or the team&apos;s members, a Slack or Microsoft Teams channel, or a webhook of your own that receives signed
              JSON. Each channel chooses its events, services and tiers. Until the team has one, Preflight records incidents but tells nobody.
            </p>
            {canManage ? (
              <p className="mt-2">
                <a href="#add-channel" className="underline">
                  Add the first channel
                </a>{" "}
                and send it a test.
              </p>
            ) : (
              <p className="mt-2">An owner of the team can add one.</p>
            )}
          </EmptyState>
        ) : (
          <div className="space-y-4">
            {channels.map((c) => (
              <ChannelCard key={c.id} slug={slug} channel={c} rules={describeChannelRules(c, serviceNames)} deliveries={deliveries.get(c.id) ?? []} canManage={canManage} now={now} about={about?.name} />
            ))}
          </div>
        )}
      </section>

      {canManage ? (
        <section aria-labelledby="add-channel" className="space-y-3">
          <h2 id="add-channel" className="text-lg font-semibold">
            Add a channel
          </h2>
          <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Webhook channels sign every request (Preflight-Signature, HMAC-SHA256) with a secret that is shown once, when the channel is added.
          </p>
          <ActionForm action={createChannelAction.bind(null, slug)} submitLabel="Add channel" pendingLabel="Adding…" secretLabels={SIGNING_SECRET_LABELS}>
            <ChannelFields idPrefix="new" services={services} />
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
