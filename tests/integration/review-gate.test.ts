/**
 * Tiers and frozen sign-offs (issue #16 items 3–4) against a real database: an approval keeps the snapshot
 * it was made on and goes stale (once, with one review.stale event) when a required item is unticked or the
 * tier becomes more critical; the snapshot diff lists exactly the changed items; a team's review teams may
 * decide its reviews, anyone else gets 404.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateChecklistItem } from "@/lib/checklists/items";
import { serviceReadiness } from "@/lib/readiness/service";
import { addReviewTeam, readReviewSettings, removeReviewTeam, setReviewTier } from "@/lib/reviews/review-teams";
import { decideReview, publicReview, requestReview } from "@/lib/reviews/reviews";
import { diffSnapshots, keptSnapshot } from "@/lib/reviews/snapshot";
import { takeSnapshot } from "@/lib/reviews/snapshot-load";
import { updateService } from "@/lib/services/manage";
import { pushMetrics } from "@/lib/thresholds/ingest";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };

async function setup(tier = 3) {
  const team = await makeTeam();
  const [owner, editor, reviewer] = await Promise.all([makeMember(team.id, "owner"), makeMember(team.id, "editor"), makeMember(team.id, "reviewer")]);
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Payments", tier } });
  const row = (key: string, title: string, severity: "critical" | "high" | "low", state: "open" | "done", position: number, extra = {}) => ({
    serviceId: service.id,
    key,
    title,
    severity,
    state,
    position,
    sectionKey: "ops",
    sectionTitle: "Ops",
    ...extra,
  });
  await db.serviceChecklistItem.createMany({
    data: [
      row("backups", "Automated backups", "critical", "done", 0),
      row("tls", "TLS everywhere", "high", "done", 1),
      row("multi-region", "Multi-region disaster recovery", "critical", "open", 2, { requiredUpToTier: 1 }),
      row("runbook", "Runbook", "low", "open", 3, { required: false }),
    ],
  });
  return { team, owner, editor, reviewer, service };
}

async function approve(s: Awaited<ReturnType<typeof setup>>) {
  const review = await requestReview(s.editor, s.service.slug, ctx);
  return decideReview(s.reviewer, s.service.slug, review.id, { decision: "approve" }, ctx);
}

const staleEvents = (serviceId: string) => db.alertEvent.findMany({ where: { serviceId, type: "review.stale" }, select: { dedupeKey: true, details: true } });
const version = async (serviceId: string, key: string) => (await db.serviceChecklistItem.findUniqueOrThrow({ where: { serviceId_key: { serviceId, key } } })).version;

describe("tiers change what is required", () => {
  it("the same checklist is ready at tier 3 and not ready at tier 1, in the gate", async () => {
    const s = await setup(3);
    // tier 3 needs no approval by default (the team's review tier is 1)
    expect(await serviceReadiness(s.service.id)).toMatchObject({ ready: true, blockers: [] });
    await db.service.update({ where: { id: s.service.id }, data: { tier: 1 } });
    const tier1 = await serviceReadiness(s.service.id);
    expect(tier1.level).toBe("not-ready");
    expect(tier1.blockers.map((b) => b.kind)).toEqual(["review-approval-missing", "required-item-open"]);
    expect(tier1.blockers.find((b) => b.kind === "required-item-open")?.itemKey).toBe("multi-region");
  });

  it("a team's review tier decides where an approval is needed; owners set it, audited", async () => {
    const s = await setup(3);
    await expect(setReviewTier(s.editor, s.team.slug, { reviewRequiredUpToTier: 3 }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    expect(await setReviewTier(s.owner, s.team.slug, { reviewRequiredUpToTier: 3 }, ctx)).toMatchObject({ reviewRequiredUpToTier: 3 });
    expect((await serviceReadiness(s.service.id)).blockers.map((b) => b.kind)).toEqual(["review-approval-missing"]);
    await approve(s);
    expect(await serviceReadiness(s.service.id)).toMatchObject({ ready: true });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: s.team.id, action: "team.review-tier" } });
    expect(audit).toMatchObject({ before: { reviewRequiredUpToTier: 1 }, after: { reviewRequiredUpToTier: 3 } });
  });
});

describe("an approval keeps its snapshot and goes stale", () => {
  it("when a required item is unticked: once, with one review.stale event, and a blocker where the tier needs an approval", async () => {
    const s = await setup(3);
    const approved = await approve(s);
    const then = keptSnapshot(approved.snapshotAtDecision)!;
    expect(then).toMatchObject({ tier: 3 });
    expect(then.items.map((i) => [i.key, i.state, i.required])).toEqual([
      ["backups", "done", true],
      ["tls", "done", true],
      ["multi-region", "open", false],
      ["runbook", "open", false],
    ]);

    // a note on an optional item leaves the approval current
    await updateChecklistItem(s.editor, s.service.slug, "runbook", { state: "open", note: "drafting", version: await version(s.service.id, "runbook") }, ctx);
    expect((await db.review.findUniqueOrThrow({ where: { id: approved.id } })).staleAt).toBeNull();

    await updateChecklistItem(s.editor, s.service.slug, "backups", { state: "open", version: await version(s.service.id, "backups") }, ctx);
    const stale = await db.review.findUniqueOrThrow({ where: { id: approved.id } });
    expect(stale.staleAt).not.toBeNull();
    expect(stale.staleReason).toBe("“Automated backups” is no longer done");

    // a second change and a tier change do not make it stale again, nor raise a second event
    await updateChecklistItem(s.editor, s.service.slug, "tls", { state: "na", reason: "internal only", version: await version(s.service.id, "tls") }, ctx);
    await updateService(s.editor, s.service.slug, { tier: 1 }, ctx);
    expect((await db.review.findUniqueOrThrow({ where: { id: approved.id } })).staleReason).toBe("“Automated backups” is no longer done");
    expect(await staleEvents(s.service.id)).toEqual([{ dedupeKey: `review.stale:${approved.id}`, details: { reviewId: approved.id, reason: "“Automated backups” is no longer done" } }]);

    expect(publicReview(await db.review.findUniqueOrThrow({ where: { id: approved.id }, include: { requestedBy: true, reviewer: true } })).stale).toEqual({
      at: stale.staleAt!.toISOString(),
      reason: "“Automated backups” is no longer done",
    });
    const r = await serviceReadiness(s.service.id);
    expect(r.blockers.find((b) => b.kind === "review-approval-stale")?.message).toBe("Approval is stale: “Automated backups” is no longer done");

    // the diff of the kept snapshot against today lists exactly the changed items
    const { snapshot: now } = await takeSnapshot(s.service.id, new Date());
    const diff = diffSnapshots(then, now);
    expect(diff.tier).toEqual({ from: 3, to: 1 });
    expect(diff.items.map((i) => [i.key, i.fields.map((f) => `${f.field}:${String(f.from)}→${String(f.to)}`)])).toEqual([
      ["backups", ["state:done→open"]],
      ["tls", ["state:done→na", "naReason:null→internal only"]],
      ["multi-region", ["required:false→true"]],
      ["runbook", ["note:null→drafting"]],
    ]);
    expect(diff.statuses).toEqual([]);
  });

  it("when the tier changes from 3 to 1 (and not when it becomes less critical)", async () => {
    const s = await setup(3);
    const approved = await approve(s);
    await updateService(s.editor, s.service.slug, { tier: 4 }, ctx);
    expect((await db.review.findUniqueOrThrow({ where: { id: approved.id } })).staleAt).toBeNull();
    await updateService(s.editor, s.service.slug, { tier: 3 }, ctx);
    expect((await db.review.findUniqueOrThrow({ where: { id: approved.id } })).staleAt).not.toBeNull();
    expect((await staleEvents(s.service.id)).length).toBe(1);

    const s2 = await setup(3);
    const approved2 = await approve(s2);
    await updateService(s2.editor, s2.service.slug, { tier: 1 }, ctx);
    const stale = await db.review.findUniqueOrThrow({ where: { id: approved2.id } });
    expect(stale.staleReason).toBe("the tier became more critical (3 → 1)");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { serviceId: s2.service.id, action: "service.update" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ before: expect.objectContaining({ tier: 3 }), after: expect.objectContaining({ tier: 1 }) });
    const r = await serviceReadiness(s2.service.id);
    expect(r.level).toBe("not-ready");
    expect(r.blockers.map((b) => b.kind)).toEqual(["review-approval-stale", "required-item-open"]);
    expect((await staleEvents(s2.service.id)).map((e) => e.details)).toEqual([{ reviewId: approved2.id, reason: "the tier became more critical (3 → 1)" }]);

    // a new approval (acknowledging the open tier-1 item) is current again: the stale blocker goes
    const again = await requestReview(s2.editor, s2.service.slug, ctx);
    const renewed = await decideReview(s2.reviewer, s2.service.slug, again.id, { decision: "approve", acknowledgeBlockers: true, comment: "DR planned for Q1." }, ctx);
    expect(renewed.staleAt).toBeNull();
    expect(keptSnapshot(renewed.snapshotAtDecision)?.tier).toBe(1);
    // the blockers kept with it are the service's own, not the approval it was deciding
    expect(renewed.openBlockersAtDecision).toBe(1);
    expect((await serviceReadiness(s2.service.id)).blockers.map((b) => b.kind)).toEqual(["required-item-open"]);
  });
});

describe("a critical threshold breaching makes the approval stale", () => {
  it("in the evaluation that stores the breach; a non-critical one does not", async () => {
    const s = await setup(3);
    const now = new Date();
    await db.metricThreshold.createMany({
      data: [
        { serviceId: s.service.id, metric: "error_rate_percent", label: "Error rate", unit: "%", comparator: "gt", limit: 5, severity: "critical" },
        { serviceId: s.service.id, metric: "queue_depth", label: "Queue depth", unit: "", comparator: "gt", limit: 100, severity: "high" },
      ],
    });
    await pushMetrics(s.editor, s.service.slug, { samples: [{ metric: "error_rate_percent", value: 1, at: now.toISOString() }, { metric: "queue_depth", value: 3, at: now.toISOString() }] }, now);
    const approved = await approve(s);
    const later = new Date(now.getTime() + 60_000);
    await pushMetrics(s.editor, s.service.slug, { samples: [{ metric: "queue_depth", value: 500, at: later.toISOString() }] }, later);
    expect((await db.review.findUniqueOrThrow({ where: { id: approved.id } })).staleAt).toBeNull();
    const latest = new Date(now.getTime() + 120_000);
    await pushMetrics(s.editor, s.service.slug, { samples: [{ metric: "error_rate_percent", value: 12, at: latest.toISOString() }] }, latest);
    const stale = await db.review.findUniqueOrThrow({ where: { id: approved.id } });
    expect(stale).toMatchObject({ staleAt: latest, staleReason: "critical threshold “Error rate” breached" });
    expect((await staleEvents(s.service.id)).length).toBe(1);
    // the snapshot diff names the threshold whose status changed
    const { snapshot } = await takeSnapshot(s.service.id, latest);
    expect(diffSnapshots(keptSnapshot(approved.snapshotAtDecision)!, snapshot).statuses.map((c) => [c.name, c.from, c.to])).toEqual([
      ["Error rate", "ok", "breached"],
      ["Queue depth", "ok", "breached"],
    ]);
  });
});

describe("review teams", () => {
  it("a member of a named review team can decide; a member of an unrelated team cannot (404); owners name and remove them, audited", async () => {
    const s = await setup(3);
    const sre = await makeTeam();
    const other = await makeTeam();
    const [sreReviewer, sreEditor, otherReviewer] = await Promise.all([makeMember(sre.id, "reviewer"), makeMember(sre.id, "editor"), makeMember(other.id, "reviewer")]);

    await expect(addReviewTeam(s.editor, s.team.slug, { team: sre.slug }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addReviewTeam(s.owner, s.team.slug, { team: "no-such-team" }, ctx)).rejects.toMatchObject({ code: "unprocessable" });
    await expect(addReviewTeam(s.owner, s.team.slug, { team: s.team.slug }, ctx)).rejects.toMatchObject({ code: "unprocessable" });
    const named = await addReviewTeam(s.owner, s.team.slug, { team: sre.slug }, ctx);
    expect(named.reviewTeams.map((t) => t.slug)).toEqual([sre.slug]);
    await expect(addReviewTeam(s.owner, s.team.slug, { team: sre.slug }, ctx)).rejects.toMatchObject({ code: "conflict" });
    expect((await readReviewSettings(s.editor, s.team.slug)).reviewTeams.map((t) => t.slug)).toEqual([sre.slug]);

    const open = await requestReview(s.editor, s.service.slug, ctx);
    await expect(decideReview(otherReviewer, s.service.slug, open.id, { decision: "approve" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    // an editor of the review team may not decide there, so not here either
    await expect(decideReview(sreEditor, s.service.slug, open.id, { decision: "approve" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    const decided = await decideReview(sreReviewer, s.service.slug, open.id, { decision: "approve" }, ctx);
    expect(decided).toMatchObject({ status: "approved", reviewerId: sreReviewer.userId });
    const decideAudit = await db.auditEvent.findFirstOrThrow({ where: { serviceId: s.service.id, action: "review.decide" } });
    expect(decideAudit).toMatchObject({ actorEmail: sreReviewer.email, teamId: s.team.id });

    await removeReviewTeam(s.owner, s.team.slug, { team: sre.slug }, ctx);
    const again = await requestReview(s.editor, s.service.slug, ctx);
    await expect(decideReview(sreReviewer, s.service.slug, again.id, { decision: "approve" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.auditEvent.findMany({ where: { teamId: s.team.id, action: { startsWith: "team.review-team." } }, orderBy: { at: "asc" }, select: { action: true, after: true, before: true } }))).toEqual([
      { action: "team.review-team.add", after: { reviewTeam: sre.slug }, before: null },
      { action: "team.review-team.remove", after: null, before: { reviewTeam: sre.slug } },
    ]);
  });
});
