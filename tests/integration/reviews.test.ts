/**
 * Production-readiness reviews against a real database: who may ask and decide, four eyes, one open
 * review at a time (also when two people ask at once), the audit trail, and the readiness blocker.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { serviceReadiness } from "@/lib/readiness/service";
import { updateChecklistItem } from "@/lib/checklists/items";
import { approvalDrift, decideReview, listReviews, requestReview, withdrawReview } from "@/lib/reviews/reviews";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.9" };

async function setup() {
  const team = await makeTeam();
  const [owner, editor, reviewer, viewer] = await Promise.all([
    makeMember(team.id, "owner"),
    makeMember(team.id, "editor"),
    makeMember(team.id, "reviewer"),
    makeMember(team.id, "viewer"),
  ]);
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Payments" } });
  await db.serviceChecklistItem.createMany({
    data: [
      { serviceId: service.id, key: "a", sectionKey: "ops", sectionTitle: "Ops", title: "Backups", severity: "critical", position: 0, state: "done" },
      { serviceId: service.id, key: "b", sectionKey: "ops", sectionTitle: "Ops", title: "Runbook", severity: "low", required: false, position: 1, state: "open" },
    ],
  });
  return { team, owner, editor, reviewer, viewer, service };
}

const audits = (serviceId: string) => db.auditEvent.findMany({ where: { serviceId, action: { startsWith: "review." } }, orderBy: { at: "asc" }, select: { action: true, actorEmail: true, after: true } });

describe("reviews", () => {
  it("an editor asks, a reviewer requests changes (a blocker), the editor asks again, an owner approves", async () => {
    const { editor, reviewer, owner, service } = await setup();
    const before = await serviceReadiness(service.id);
    expect(before.ready).toBe(true);

    const first = await requestReview(editor, service.slug, ctx);
    expect(first.status).toBe("requested");
    // an open request alone does not block: the checklist and evidence decide readiness
    expect((await serviceReadiness(service.id)).ready).toBe(true);

    const changes = await decideReview(reviewer, service.slug, first.id, { decision: "request-changes", comment: "Write the runbook first." }, ctx);
    expect(changes).toMatchObject({ status: "changes_requested", comment: "Write the runbook first.", scoreAtDecision: before.score });
    expect(changes.reviewer?.email).toBe(reviewer.email);
    const blocked = await serviceReadiness(service.id);
    expect(blocked.ready).toBe(false);
    expect(blocked.blockers.map((b) => b.kind)).toContain("review-changes-requested");

    const second = await requestReview(editor, service.slug, ctx);
    expect((await serviceReadiness(service.id)).ready).toBe(true);
    const approved = await decideReview(owner, service.slug, second.id, { decision: "approve" }, ctx);
    expect(approved).toMatchObject({ status: "approved", comment: null });
    expect((await serviceReadiness(service.id)).ready).toBe(true);

    expect((await listReviews(service.id)).map((r) => r.status)).toEqual(["approved", "changes_requested"]);
    expect((await audits(service.id)).map((a) => [a.action, a.actorEmail])).toEqual([
      ["review.request", editor.email],
      ["review.decide", reviewer.email],
      ["review.request", editor.email],
      ["review.decide", owner.email],
    ]);
  });

  it("refuses, writing nothing: viewers and reviewers asking, editors deciding, deciding one's own request, a second open request, deciding twice", async () => {
    const { editor, reviewer, owner, viewer, service } = await setup();
    await expect(requestReview(viewer, service.slug, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestReview(reviewer, service.slug, ctx)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.review.count({ where: { serviceId: service.id } })).toBe(0);

    const open = await requestReview(owner, service.slug, ctx);
    await expect(requestReview(editor, service.slug, ctx)).rejects.toMatchObject({ code: "conflict" });
    await expect(decideReview(editor, service.slug, open.id, { decision: "approve" }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideReview(viewer, service.slug, open.id, { decision: "approve" }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    // four eyes: the owner who asked may decide others' reviews, not this one
    await expect(decideReview(owner, service.slug, open.id, { decision: "approve" }, ctx)).rejects.toMatchObject({
      code: "forbidden",
      message: "You asked for this review: someone else must decide it.",
    });
    await expect(decideReview(reviewer, service.slug, open.id, { decision: "request-changes" }, ctx)).rejects.toMatchObject({ name: "ZodError" });
    await expect(decideReview(reviewer, service.slug, "nope", { decision: "approve" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.review.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: "requested", reviewerId: null });

    await decideReview(reviewer, service.slug, open.id, { decision: "approve" }, ctx);
    await expect(decideReview(reviewer, service.slug, open.id, { decision: "request-changes", comment: "Wait" }, ctx)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.review.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: "approved" });
    expect((await audits(service.id)).map((a) => a.action)).toEqual(["review.request", "review.decide"]);
  });

  it("a withdrawn request no longer counts: an earlier 'changes requested' blocks again; only open requests can be withdrawn", async () => {
    const { editor, reviewer, viewer, service } = await setup();
    const first = await requestReview(editor, service.slug, ctx);
    await decideReview(reviewer, service.slug, first.id, { decision: "request-changes", comment: "Not yet." }, ctx);
    const again = await requestReview(editor, service.slug, ctx);
    expect((await serviceReadiness(service.id)).ready).toBe(true);

    await expect(withdrawReview(reviewer, service.slug, again.id, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawReview(viewer, service.slug, again.id, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawReview(editor, service.slug, first.id, ctx)).rejects.toMatchObject({ code: "conflict" });
    const withdrawn = await withdrawReview(editor, service.slug, again.id, ctx);
    expect(withdrawn).toMatchObject({ status: "withdrawn" });
    expect(withdrawn.reviewer?.email).toBe(editor.email);
    // asking and withdrawing is no way around the reviewer's "changes requested"
    expect((await serviceReadiness(service.id)).blockers.map((b) => b.kind)).toContain("review-changes-requested");
    // and a new request can be made
    await requestReview(editor, service.slug, ctx);
    expect((await audits(service.id)).map((a) => a.action)).toEqual(["review.request", "review.decide", "review.request", "review.withdraw", "review.request"]);
  });

  it("two people asking at once open one review", async () => {
    const { editor, owner, service } = await setup();
    const results = await Promise.allSettled([requestReview(editor, service.slug, ctx), requestReview(owner, service.slug, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["conflict"]);
    expect(await db.review.count({ where: { serviceId: service.id, status: "requested" } })).toBe(1);
  });

  it("another team's service is invisible (404), not forbidden", async () => {
    const { service } = await setup();
    const otherTeam = await makeTeam();
    const stranger = await makeMember(otherTeam.id, "owner");
    await expect(requestReview(stranger, service.slug, ctx)).rejects.toMatchObject({ code: "not_found" });
  });

  it("after an approval, counts the checklist changes that came later and gives the score now", async () => {
    const { editor, owner, service } = await setup();
    const asked = await requestReview(editor, service.slug, ctx);
    const scoreNow = async () => (await serviceReadiness(service.id)).score;
    expect(await approvalDrift(service.id, (await listReviews(service.id))[0], await scoreNow())).toBeNull(); // an open request is not an approval
    const approved = await decideReview(owner, service.slug, asked.id, { decision: "approve" }, ctx, new Date(Date.now() - 60_000));
    expect(await approvalDrift(service.id, approved, await scoreNow())).toBeNull(); // nothing changed since

    const item = await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id, key: "a" } });
    await updateChecklistItem(editor, service.slug, "a", { state: "open", version: item.version }, ctx);
    const drift = await approvalDrift(service.id, (await listReviews(service.id))[0], await scoreNow());
    expect(drift).toEqual({ changes: 1, scoreNow: (await serviceReadiness(service.id)).score, scoreThen: approved.scoreAtDecision });
    expect(drift!.scoreNow).toBeLessThan(approved.scoreAtDecision!);
  });
});
