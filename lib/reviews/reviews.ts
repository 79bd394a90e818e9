/**
 * Production-readiness reviews: an editor asks for a review of a service, and someone else with the
 * right to decide (an owner or a reviewer) approves it or requests changes. The latest review feeds
 * readiness (lib/readiness/signals.ts): "changes requested" is a blocker until a new review is asked for.
 */
import { z } from "zod";
import { insertAlertEventsTx } from "@/lib/alerts/store";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { afterResponse } from "@/lib/server/after-response";
import { blockerAtDecisionOutput, keptBlockers, keptLevel, levelAtDecisionOutput, notReadyApprovalProblem, readinessAtDecision } from "./blockers";
import { notifyReviewDecided, notifyReviewRequested } from "./notify";
import { requireServiceToDecide } from "./review-teams";
import { takeSnapshot } from "./snapshot-load";

type Ctx = Omit<AuditContext, "actor">;

export const REVIEW_DECISIONS = ["approve", "request-changes"] as const;

export const decideReviewSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, { error: "Choose Approve or Request changes." }),
    comment: z.string().trim().max(4000, "Keep the comment under 4,000 characters.").optional(),
    /** required (with a comment) to approve a service that is not ready: "I approve with N open blockers" */
    acknowledgeBlockers: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === "request-changes" && !v.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Say what needs to change." });
    }
  });
export type DecideReviewInput = z.input<typeof decideReviewSchema>;

const reviewInclude = {
  requestedBy: { select: { email: true, name: true } },
  reviewer: { select: { email: true, name: true } },
} satisfies Prisma.ReviewInclude;
export type ReviewRow = Prisma.ReviewGetPayload<{ include: typeof reviewInclude }>;

const who = (u: { email: string; name: string | null } | null) => (u ? (u.name ?? u.email) : "a former member");

/** The service's reviews, newest first. */
export function listReviews(serviceId: string, take = 20): Promise<ReviewRow[]> {
  return db.review.findMany({ where: { serviceId }, orderBy: { createdAt: "desc" }, take, include: reviewInclude });
}

/** Serialises review changes of one service (two people asking at once get one open review). */
async function lockService(tx: Prisma.TransactionClient, serviceId: string) {
  await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${serviceId} FOR UPDATE`;
}

/** A review of the service, read under the service's lock, or a 404. */
async function lockedReview(tx: Prisma.TransactionClient, serviceId: string, reviewId: string): Promise<ReviewRow> {
  await lockService(tx, serviceId);
  const review = await tx.review.findFirst({ where: { id: reviewId, serviceId }, include: reviewInclude });
  if (!review) throw new ApiError("not_found", "No such review of this service.");
  return review;
}

export async function requestReview(actor: Actor, slug: string, ctx: Ctx): Promise<ReviewRow> {
  const service = await requireService(actor, slug, "review:request");
  const review = await db.$transaction(async (tx) => {
    await lockService(tx, service.id);
    const open = await tx.review.findFirst({ where: { serviceId: service.id, status: "requested" }, include: reviewInclude });
    if (open) throw new ApiError("conflict", `A review of ${service.name} is already open (asked by ${who(open.requestedBy)}).`);
    const created = await tx.review.create({ data: { serviceId: service.id, requestedById: actor.userId, status: "requested" }, include: reviewInclude });
    await insertAlertEventsTx(tx, [
      {
        type: "review.requested",
        serviceId: service.id,
        dedupeKey: `review.requested:${created.id}`,
        occurredAt: created.createdAt,
        // anyone of the team who may decide can take it: no one reviewer is asked
        details: { reviewId: created.id, requestedBy: actor.email, reviewer: null },
      },
    ]);
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "review.request", targetType: "review", targetId: created.id });
    return created;
  });
  afterResponse(() => notifyReviewRequested(service, actor));
  return review;
}

export async function decideReview(actor: Actor, slug: string, reviewId: string, input: unknown, ctx: Ctx, now = new Date()): Promise<ReviewRow> {
  const service = await requireServiceToDecide(actor, slug);
  const parsed = decideReviewSchema.parse(input);
  const { decision, comment } = parsed;
  // The readiness the reviewer saw and the evidence behind it, kept with the decision (read before the
  // write; a tick in between is theirs to see).
  const { readiness, snapshot } = await takeSnapshot(service.id, now);
  const { score } = readiness;
  const kept = readinessAtDecision(readiness);
  const status = decision === "approve" ? ("approved" as const) : ("changes_requested" as const);
  const decided = await db.$transaction(async (tx) => {
    const review = await lockedReview(tx, service.id, reviewId);
    if (review.status !== "requested") {
      throw new ApiError("conflict", `This review was already ${review.status === "approved" ? "approved" : review.status === "withdrawn" ? "withdrawn" : "answered with changes requested"} by ${who(review.reviewer)}.`);
    }
    // Four eyes: whoever asked for the review does not sign it off.
    if (review.requestedById === actor.userId) {
      throw new ApiError("forbidden", "You asked for this review: someone else must decide it.");
    }
    const problem = notReadyApprovalProblem(service.name, readiness, parsed);
    if (problem) {
      const { path, issue, message, openBlockers, level } = problem;
      throw new ApiError("unprocessable", message, [{ path, message: issue }], undefined, { openBlockers, level });
    }
    const updated = await tx.review.update({
      where: { id: review.id },
      data: { status, reviewerId: actor.userId, comment: comment || null, decidedAt: now, scoreAtDecision: score, ...kept, snapshotAtDecision: snapshot },
      include: reviewInclude,
    });
    await insertAlertEventsTx(tx, [
      {
        type: "review.decided",
        serviceId: service.id,
        dedupeKey: `review.decided:${review.id}`,
        occurredAt: now,
        details: { reviewId: review.id, decision: status, decidedBy: actor.email, comment: comment || null, score },
      },
    ]);
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "review.decide",
      targetType: "review",
      targetId: review.id,
      before: { status: review.status },
      after: { status, comment: comment || null, scoreAtDecision: score, levelAtDecision: kept.levelAtDecision, openBlockersAtDecision: kept.openBlockersAtDecision },
    });
    return updated;
  });
  afterResponse(() => notifyReviewDecided(service, { ...decided, status }, actor));
  return decided;
}

/** Withdraw an open request (editors and owners): it no longer counts, and an earlier decision counts again. */
export async function withdrawReview(actor: Actor, slug: string, reviewId: string, ctx: Ctx, now = new Date()): Promise<ReviewRow> {
  const service = await requireService(actor, slug, "review:request");
  return db.$transaction(async (tx) => {
    const review = await lockedReview(tx, service.id, reviewId);
    if (review.status !== "requested") throw new ApiError("conflict", "Only an open review can be withdrawn.");
    const updated = await tx.review.update({ where: { id: review.id }, data: { status: "withdrawn", reviewerId: actor.userId, decidedAt: now }, include: reviewInclude });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "review.withdraw",
      targetType: "review",
      targetId: review.id,
      before: { status: "requested" },
      after: { status: "withdrawn" },
    });
    return updated;
  });
}

/** Audit actions that change a checklist (its items, their states, the templates behind them). */
const CHECKLIST_ACTIONS = ["checklist.update", "checklist.add", "service.template.apply", "service.template.resync"];

export interface ApprovalDrift {
  /** checklist changes recorded after the approval */
  changes: number;
  scoreNow: number;
  /** the score kept with the approval */
  scoreThen: number | null;
}

/**
 * The review readiness reads (lib/readiness/signals.ts): the latest one not withdrawn, since a withdrawn
 * request leaves the decision before it in force. `reviews` are newest first, as listReviews gives them.
 */
export function countingReview(reviews: readonly ReviewRow[]): ReviewRow | undefined {
  return reviews.find((r) => r.status !== "withdrawn");
}

/**
 * What changed since the approval that counts. The approval still stands (decision 0013), but it
 * describes the checklist as it was: the page says how many changes came after it, beside `scoreNow`,
 * the score the page has already computed.
 */
export async function approvalDrift(serviceId: string, counting: ReviewRow | undefined, scoreNow: number): Promise<ApprovalDrift | null> {
  if (counting?.status !== "approved" || !counting.decidedAt) return null;
  const changes = await db.auditEvent.count({ where: { serviceId, at: { gt: counting.decidedAt }, action: { in: CHECKLIST_ACTIONS } } });
  return changes === 0 ? null : { changes, scoreNow, scoreThen: counting.scoreAtDecision };
}

/** A review as the API shows it. */
export function publicReview(r: ReviewRow): z.infer<typeof reviewOutputSchema> {
  return {
    id: r.id,
    status: r.status === "changes_requested" ? ("changes-requested" as const) : r.status,
    requestedBy: r.requestedBy?.email ?? null,
    requestedAt: r.createdAt.toISOString(),
    reviewer: r.reviewer?.email ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    comment: r.comment,
    scoreAtDecision: r.scoreAtDecision,
    levelAtDecision: keptLevel(r.levelAtDecision),
    blockersAtDecision: keptBlockers(r.blockersAtDecision),
    stale: r.staleAt && r.staleReason ? { at: r.staleAt.toISOString(), reason: r.staleReason } : null,
  };
}

export const reviewOutputSchema = z.strictObject({
  id: z.string(),
  status: z.enum(["requested", "approved", "changes-requested", "withdrawn"]),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  reviewer: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  scoreAtDecision: z.number().int().nullable(),
  levelAtDecision: levelAtDecisionOutput.nullable().describe("the readiness level when decided; null while open and for decisions before it was kept"),
  blockersAtDecision: z.array(blockerAtDecisionOutput).nullable().describe("the blockers open when decided (all of them); an approval with blockers was acknowledged as such"),
  stale: z
    .strictObject({ at: z.string(), reason: z.string() })
    .nullable()
    .describe("set once an approval stops describing the service (a required item left done, the tier became more critical, a critical threshold breached); a new review replaces it"),
});
