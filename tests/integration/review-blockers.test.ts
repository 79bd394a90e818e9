/**
 * Approving a service that is not ready (decision 0031): the API refuses it with 422 and the blocker
 * count unless the reviewer acknowledges the blockers and says why, writing nothing; an acknowledged
 * approval keeps the level and every open blocker with the decision, and the board reads it back.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as decision from "@/app/api/v1/services/[slug]/reviews/[id]/decision/route";
import * as reviewsRoute from "@/app/api/v1/services/[slug]/reviews/route";
import { apiResponses } from "@/lib/api/openapi";
import { db } from "@/lib/db";
import { serviceReadiness } from "@/lib/readiness/service";
import { decideReview, requestReview } from "@/lib/reviews/reviews";
import { boardFilterSchema, loadBoard } from "@/lib/services/board";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };

async function setup(opts: { ready: boolean }) {
  const team = await makeTeam();
  const [editor, reviewer] = await Promise.all([makeMember(team.id, "editor"), makeMember(team.id, "reviewer")]);
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Ledger" } });
  const open = opts.ready ? "done" : "open";
  await db.serviceChecklistItem.createMany({
    data: [
      { serviceId: service.id, key: "backups", sectionKey: "ops", sectionTitle: "Ops", title: "Backups", severity: "critical", position: 0, state: open },
      { serviceId: service.id, key: "tls", sectionKey: "ops", sectionTitle: "Ops", title: "TLS everywhere", severity: "high", position: 1, state: open },
      { serviceId: service.id, key: "logs", sectionKey: "ops", sectionTitle: "Ops", title: "Central logs", severity: "low", position: 2, state: "done" },
    ],
  });
  const review = await requestReview(editor, service.slug, ctx);
  const token = await tokenFor(team.id, reviewer.userId, "reviewer");
  return { team, editor, reviewer, service, review, token };
}

async function postDecision(token: string, slug: string, id: string, body: unknown) {
  const req = new NextRequest(new URL(`/api/v1/services/${slug}/reviews/${id}/decision`, "http://localhost"), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await decision.POST(req, { params: Promise.resolve({ slug, id }) });
  return { status: res.status, body: (await res.json()) as Record<string, never> };
}

const decideAudits = (serviceId: string) => db.auditEvent.findMany({ where: { serviceId, action: "review.decide" }, select: { after: true } });

describe("approving a service that is not ready", () => {
  it("the API refuses an unacknowledged approval with 422 and the blocker count, and writes nothing", async () => {
    const { service, review, token } = await setup({ ready: false });
    const readiness = await serviceReadiness(service.id);
    expect(readiness.ready).toBe(false);
    expect(readiness.blockers).toHaveLength(2);

    const refused = await postDecision(token, service.slug, review.id, { decision: "approve", comment: "Fine by me." });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      error: {
        code: "unprocessable",
        message: "Ledger has 2 open blockers: to approve it anyway, confirm that you approve it as it is and say why in the comment.",
        issues: [{ path: "acknowledgeBlockers", message: "Confirm that you approve Ledger although it has 2 open blockers." }],
        openBlockers: 2,
        level: "not-ready",
      },
    });
    // acknowledged, but without saying why
    const noComment = await postDecision(token, service.slug, review.id, { decision: "approve", acknowledgeBlockers: true });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error).toMatchObject({ issues: [{ path: "comment", message: "Say why you approve Ledger although it has 2 open blockers." }], openBlockers: 2 });

    expect(await db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ status: "requested", reviewerId: null, decidedAt: null, blockersAtDecision: null, levelAtDecision: null });
    expect(await decideAudits(service.id)).toEqual([]);
  });

  it("an acknowledged approval keeps the level and every blocker with the decision; the API, the audit log and the board show them", async () => {
    const { service, review, token, reviewer } = await setup({ ready: false });
    const readiness = await serviceReadiness(service.id);
    const approved = await postDecision(token, service.slug, review.id, { decision: "approve", acknowledgeBlockers: true, comment: "TLS lands next sprint; approved for the pilot." });
    expect(approved.status).toBe(200);
    expect(apiResponses.review.safeParse(approved.body).success).toBe(true);
    const expected = [
      { kind: "required-item-open", message: "Required item open: Backups", itemKey: "backups" },
      { kind: "required-item-open", message: "Required item open: TLS everywhere", itemKey: "tls" },
    ];
    expect(readiness.blockers.map((b) => b.message)).toEqual(expected.map((b) => b.message));
    expect(approved.body.review).toMatchObject({ status: "approved", levelAtDecision: "not-ready", scoreAtDecision: readiness.score, blockersAtDecision: expected });

    const row = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(row).toMatchObject({ status: "approved", levelAtDecision: "not-ready", openBlockersAtDecision: 2, blockersAtDecision: expected, comment: "TLS lands next sprint; approved for the pilot." });
    expect((await decideAudits(service.id)).map((a) => a.after)).toEqual([
      { status: "approved", comment: "TLS lands next sprint; approved for the pilot.", scoreAtDecision: readiness.score, levelAtDecision: "not-ready", openBlockersAtDecision: 2 },
    ]);

    // The list of reviews answers the same, and fits its schema.
    const req = new NextRequest(new URL(`/api/v1/services/${service.slug}/reviews`, "http://localhost"), { headers: { authorization: `Bearer ${token}` } });
    const list = (await (await reviewsRoute.GET(req, { params: Promise.resolve({ slug: service.slug }) })).json()) as unknown;
    expect(apiResponses.reviews.parse(list).reviews[0]).toMatchObject({ id: review.id, blockersAtDecision: expected });

    const board = await loadBoard(reviewer, boardFilterSchema.parse({}));
    const card = board.teams.flatMap((t) => t.services).find((s) => s.slug === service.slug)!;
    expect(card).toMatchObject({ review: "approved", approvedNotReady: { openBlockers: 2 } });
  });

  it("a ready service is approved as before; its decision keeps 'ready' and no blockers, and the board shows a plain approval", async () => {
    const { service, review, reviewer } = await setup({ ready: true });
    const approved = await decideReview(reviewer, service.slug, review.id, { decision: "approve" }, ctx);
    expect(approved).toMatchObject({ status: "approved", levelAtDecision: "ready", openBlockersAtDecision: 0, blockersAtDecision: [] });
    const board = await loadBoard(reviewer, boardFilterSchema.parse({}));
    expect(board.teams.flatMap((t) => t.services).find((s) => s.slug === service.slug)).toMatchObject({ review: "approved", approvedNotReady: null });
  });

  it("requesting changes needs no acknowledgement, and keeps the blockers too", async () => {
    const { service, review, reviewer } = await setup({ ready: false });
    const decided = await decideReview(reviewer, service.slug, review.id, { decision: "request-changes", comment: "Backups first." }, ctx);
    expect(decided).toMatchObject({ status: "changes_requested", levelAtDecision: "not-ready", openBlockersAtDecision: 2 });
  });
});
