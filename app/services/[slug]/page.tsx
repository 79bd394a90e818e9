import type { Metadata } from "next";
import { serviceTitle } from "@/lib/pages/titles";
import Link from "next/link";
import { DeliveriesLink } from "@/components/alerts/event-notice";
import { HealthChecks } from "@/components/checks/health-checks";
import { IncidentList } from "@/components/uptime/uptime-details";
import { MaintenancePanel } from "@/components/maintenance/maintenance-panel";
import { ManageChecklistPanel } from "@/components/checklist/manage-panel";
import { CollapsedSectionsScript } from "@/components/checklist/collapsed-script";
import { ServiceChecklist } from "@/components/checklist/service-checklist";
import { ReviewPanel } from "@/components/reviews/review-panel";
import { BadgesPanel } from "@/components/services/badges-panel";
import { ServiceFacts } from "@/components/services/service-facts";
import { ServicePageSummary } from "@/components/services/page-summary";
import { Badge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { StatusAnnouncer } from "@/components/ui/status-announcer";
import { incidentNotices, noticeReader } from "@/lib/alerts/notices";
import { can } from "@/lib/auth/actor";
import { commentsByItemKey } from "@/lib/checklists/comments";
import { listChecklist, publicItem } from "@/lib/checklists/items";
import { timedFactsOf } from "@/lib/readiness/item-status";
import { sourceNotes } from "@/lib/checklists/sources";
import { listChecks } from "@/lib/checks/manage";
import { listWindows } from "@/lib/maintenance/windows";
import { env, publicUrl } from "@/lib/env";
import { checkAnnouncements } from "@/lib/status/announce";
import { reviewStatusWord } from "@/lib/status/present";
import { publicCheck } from "@/lib/checks/public";
import { computeReadiness } from "@/lib/readiness/compute";
import { readinessSignals } from "@/lib/readiness/signals";
import { approvedNotReady, keptBlockers, signalsForDecision } from "@/lib/reviews/blockers";
import { changesSince, keptSnapshot } from "@/lib/reviews/snapshot";
import { takeSnapshot } from "@/lib/reviews/snapshot-load";
import { refreshThresholds } from "@/lib/thresholds/store";
import { approvalDrift, countingReview, listReviews } from "@/lib/reviews/reviews";
import { serviceOwner } from "@/lib/services/list";
import { serviceWithTemplates } from "@/lib/services/lookup";
import { loadServicePage } from "@/lib/services/page-data";
import { badgeLinks, teamBadges } from "@/lib/teams/badges";
import { templateChoices } from "@/lib/templates/manage";
import { recentIncidents } from "@/lib/uptime/query";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  return { title: await serviceTitle(slug) };
}

export default async function ServicePage({ params }: Params) {
  const { slug } = await params;
  const { actor, service: found } = await loadServicePage(slug, `/services/${slug}`);
  const renderedAt = new Date();
  const [service, items, signals, templates, checks, incidents, reviews, comments, maintenance, badgeTeam] = await Promise.all([
    serviceWithTemplates(found.id),
    listChecklist(found.id),
    // Evaluated first, so a blocker quotes the same stored value as the thresholds page at this moment.
    refreshThresholds({ serviceIds: [found.id] }, renderedAt).then(() => readinessSignals([found.id], renderedAt)),
    templateChoices(),
    listChecks(found.id),
    recentIncidents(found.id),
    listReviews(found.id, 10),
    commentsByItemKey(found.id),
    listWindows(found.id, renderedAt),
    teamBadges(found.teamId),
  ]);
  const reader = await noticeReader(actor, found.teamId, found.slug);
  const [notes, notices] = await Promise.all([sourceNotes(items.map((i) => i.id)), incidentNotices(incidents.map((i) => i.id), reader)]);
  const timedItems = items.map((i) => ({ ...i, ...timedFactsOf(i) }));
  const readiness = computeReadiness(timedItems, signals.get(found.id), renderedAt);
  // what the decision form shows: the readiness a reviewer judges, as the server does (signalsForDecision)
  const judged = computeReadiness(timedItems, signalsForDecision(signals.get(found.id) ?? {}), renderedAt);
  const counting = countingReview(reviews);
  const snapshotThen = counting?.status === "approved" ? keptSnapshot(counting.snapshotAtDecision) : null;
  // The approval's snapshot against today's (thresholds were evaluated above): "approved on … — changes since".
  const changes =
    snapshotThen && counting?.decidedAt
      ? changesSince(
          { decidedAt: counting.decidedAt, scoreAtDecision: counting.scoreAtDecision, blockersAtDecision: keptBlockers(counting.blockersAtDecision), snapshot: snapshotThen },
          { snapshot: (await takeSnapshot(found.id, renderedAt, { refreshed: true })).snapshot, score: readiness.score, blockers: readiness.blockers },
        )
      : null;
  // Approvals from before snapshots were kept say only how many checklist changes came after them.
  const drift = changes ? null : await approvalDrift(found.id, counting, readiness.score);
  const archived = service.archivedAt !== null;
  const canManage = !archived && can(actor, service.teamId, "template:apply");
  const owner = serviceOwner(service);
  const applied = new Set(service.templates.map((t) => t.template.key));
  const canMaintain = !archived && can(actor, service.teamId, "maintenance:manage");
  // Badges of an archived service answer 404 (lib/badges/load.ts): the panel is not offered then.
  const badgesOn = badgeTeam.publicBadges && !archived;
  const canTurnOnBadges = !archived && can(actor, service.teamId, "badges:manage");

  const latestReview = reviewStatusWord(reviews[0]?.status ?? "none", reviews[0] ? approvedNotReady(reviews[0]) : null, reviews[0]?.staleReason);
  const manage = canManage ? (
    <ManageChecklistPanel
      slug={service.slug}
      available={templates.filter((t) => !applied.has(t.key)).map(({ key, name }) => ({ key, name }))}
      applied={service.templates.map((t) => ({ key: t.template.key, name: t.template.name }))}
    />
  ) : null;

  // The checklist comes first, with the readiness summary beside it; the other panels follow it, each
  // linked from the summary (components/services/page-summary.tsx). A new panel goes after the incidents
  // and gets its line in the summary.
  return (
    <div className="space-y-6">
      <LiveRefresh seconds={env().PREFLIGHT_REFRESH_SECONDS} />
      <StatusAnnouncer statuses={checkAnnouncements(checks)} />
      <header className="space-y-2">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{service.name}</h1>
        {service.description ? <p className="text-zinc-600 dark:text-zinc-400">{service.description}</p> : null}
        {archived ? (
          <Alert tone="info">
            This service is archived: it is hidden from the board and kept as it is.{" "}
            {can(actor, service.teamId, "service:archive") ? (
              <Link href={`/services/${service.slug}/settings`} className="underline">Restore it in Settings</Link>
            ) : (
              "An owner can restore it."
            )}
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2 text-sm">
          {archived ? <Badge tone="warn">Archived</Badge> : null}
          <Badge>Tier {service.tier}</Badge>
          <Badge>{service.environment}</Badge>
          {service.templates.map((t) => (
            <Badge key={t.template.key} tone="info">
              Template: {t.template.name}
            </Badge>
          ))}
        </div>
        <ServiceFacts owner={owner} onCall={service.onCall} runbookUrl={service.runbookUrl} repositoryUrl={service.repositoryUrl} />
      </header>
      {items.length === 0 ? (
        <EmptyState title="No checklist yet">
          This service has no template applied and no custom items{canManage ? ": use “Manage this checklist” below." : "."}
        </EmptyState>
      ) : (
        <>
          <CollapsedSectionsScript slug={service.slug} />
          <ServiceChecklist
            slug={service.slug}
            initialItems={items.map(publicItem)}
            canEdit={!archived && can(actor, service.teamId, "checklist:edit")}
            canComment={!archived && can(actor, service.teamId, "checklist:comment")}
            waiverDecider={!archived && can(actor, service.teamId, "waiver:decide") ? (actor.name ?? actor.email) : null}
            comments={comments}
            signals={signals.get(service.id) ?? {}}
            sourceNotes={Object.fromEntries(items.filter((i) => notes.has(i.id)).map((i) => [i.key, notes.get(i.id)!]))}
            pageSummary={
              <ServicePageSummary
                review={latestReview} checks={checks.map(publicCheck)} hasIncidents={checks.length > 0} canManageChecklist={canManage}
                maintenance={{ openUntil: maintenance.open?.endsAt ?? null, upcoming: maintenance.upcoming.length, now: renderedAt }}
                badges={badgesOn ? "on" : canTurnOnBadges ? "off" : null}
              />
            }
          />
        </>
      )}
      {manage}
      <ReviewPanel
        slug={service.slug}
        serviceName={service.name}
        readiness={{ ready: judged.ready, level: judged.level, score: judged.score, blockers: judged.blockers }}
        reviews={reviews}
        actorUserId={actor.userId}
        canRequest={can(actor, service.teamId, "review:request")}
        canDecide={can(actor, service.teamId, "review:decide")}
        drift={drift}
        changes={changes}
        stale={counting?.status === "approved" ? counting.staleReason : null}
        now={renderedAt}
      />
      <HealthChecks slug={service.slug} checks={checks.map(publicCheck)} canManage={can(actor, service.teamId, "checks:manage")} now={renderedAt.getTime()} />
      {checks.length ? (
        <section aria-labelledby="incidents-heading" className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="incidents-heading" className="scroll-mt-4 text-lg font-semibold">
              Incidents
            </h2>
            <Link href={`/services/${service.slug}/uptime`} className="text-sm text-sky-800 underline dark:text-sky-300">
              Uptime and all incidents
            </Link>
          </div>
          <IncidentList incidents={incidents} now={renderedAt.getTime()} caption="Latest incidents, ongoing first" empty="No incident recorded." notices={notices} />
          <DeliveriesLink href={reader.deliveriesHref} serviceName={service.name} />
        </section>
      ) : null}
      <MaintenancePanel slug={service.slug} windows={maintenance} canManage={canMaintain} now={renderedAt} />
      <BadgesPanel
        serviceName={service.name}
        teamSlug={badgeTeam.slug}
        links={badgesOn ? badgeLinks(publicUrl(), badgeTeam.slug, service.slug, service.name) : null}
        canTurnOn={canTurnOnBadges}
      />
    </div>
  );
}
