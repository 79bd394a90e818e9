import { decideReviewAction, requestReviewAction, withdrawReviewAction } from "@/app/services/[slug]/review-actions";
import { BlockerList } from "@/components/reviews/blocker-list";
import { ReviewDecisionForm, type ReadinessNow } from "@/components/reviews/decision-form";
import { ActionForm } from "@/components/ui/action-form";
import { Status } from "@/components/ui/status";
import { RelativeTime } from "@/components/ui/time";
import { describeLevel } from "@/lib/readiness/compute";
import { approvedNotReady, keptBlockers, keptLevel, openBlockersText } from "@/lib/reviews/blockers";
import { countingReview, type ApprovalDrift, type ReviewRow } from "@/lib/reviews/reviews";
import { reviewStatusWord } from "@/lib/status/present";
import { ChangesSincePanel } from "@/components/reviews/changes-since";
import type { ChangesSince } from "@/lib/reviews/snapshot";

const person = (u: { email: string; name: string | null } | null) => (u ? (u.name ?? u.email) : "a former member");
const DECIDED: Record<ReviewRow["status"], string> = { requested: "", approved: "approved", changes_requested: "changes requested", withdrawn: "withdrawn" };

/** The review's word: an approval of a service that was not ready says with how many open blockers. */
const statusOf = (r: ReviewRow | undefined) => reviewStatusWord(r?.status ?? "none", r ? approvedNotReady(r) : null, r?.staleReason);

function ReviewFacts({ review, now }: { review: ReviewRow; now: Date }) {
  const notReady = approvedNotReady(review);
  const level = keptLevel(review.levelAtDecision);
  const blockers = review.status === "withdrawn" ? null : keptBlockers(review.blockersAtDecision);
  return (
    <div className="space-y-1 text-sm">
      <p>
        Asked by {person(review.requestedBy)} <RelativeTime at={review.createdAt} now={now} />
        {review.decidedAt ? (
          <>
            ; {notReady ? `approved with ${openBlockersText(notReady.openBlockers)}` : DECIDED[review.status]} by {person(review.reviewer)}{" "}
            <RelativeTime at={review.decidedAt} now={now} />
            {review.scoreAtDecision !== null ? ` at a score of ${review.scoreAtDecision}` : ""}
            {level && review.status !== "withdrawn" ? ` (${describeLevel(level).toLowerCase()})` : ""}
          </>
        ) : null}
        .
      </p>
      {review.comment ? <blockquote className="whitespace-pre-wrap border-l-2 border-zinc-300 pl-3 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">{review.comment}</blockquote> : null}
      {blockers?.length ? <BlockerList blockers={blockers} summary={`The ${openBlockersText(blockers.length)} when it was decided`} /> : null}
    </div>
  );
}

/**
 * The service's production-readiness review: its state, the forms to ask for one (editors) and to
 * decide one (owners and reviewers other than the person who asked), and earlier reviews.
 */
export function ReviewPanel({
  slug,
  serviceName,
  readiness,
  reviews,
  actorUserId,
  canRequest,
  canDecide,
  drift,
  changes = null,
  stale = null,
  now,
}: {
  slug: string;
  serviceName: string;
  /** the service's readiness now, shown in the decision form */
  readiness: ReadinessNow;
  reviews: ReviewRow[];
  actorUserId: string;
  canRequest: boolean;
  canDecide: boolean;
  /** checklist changes since the approval that counts (null when none counts or nothing changed) */
  drift: ApprovalDrift | null;
  /** the counting approval's snapshot against today (null without an approval or a kept snapshot) */
  changes?: ChangesSince | null;
  /** why the counting approval is stale, or null */
  stale?: string | null;
  now: Date;
}) {
  const [latest, ...earlier] = reviews;
  const open = latest?.status === "requested" ? latest : undefined;
  // A withdrawn request leaves the decision before it in force (readiness and the board count that one).
  const stillCounts = latest?.status === "withdrawn" ? countingReview(earlier) : undefined;
  return (
    <section id="review" aria-labelledby="review-heading" className="scroll-mt-4 space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="review-heading" className="text-lg font-semibold">
          Review
        </h2>
        <span data-testid="review-status" aria-live="polite">
          <Status status={statusOf(latest)} />
        </span>
      </div>
      {latest ? (
        <ReviewFacts review={latest} now={now} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody has asked for a production-readiness review of this service yet.</p>
      )}
      {stillCounts?.decidedAt ? (
        <p data-testid="review-counts" className="text-sm">
          The request was withdrawn, so the earlier decision still counts: <Status status={statusOf(stillCounts)} /> by {person(stillCounts.reviewer)}{" "}
          <RelativeTime at={stillCounts.decidedAt} now={now} />.
        </p>
      ) : null}
      {changes ? <ChangesSincePanel changes={changes} stale={stale} /> : null}
      {drift ? (
        <p className="text-sm">
          <Status status={{ tone: "warning" }} variant="text">
            The checklist changed since this approval: {drift.changes} {drift.changes === 1 ? "change" : "changes"}, and the score is now {drift.scoreNow}
            {drift.scoreThen !== null ? ` (${drift.scoreThen} when approved)` : ""}.
          </Status>
          {canRequest ? " Ask for a new review if the changes matter." : ""}
        </p>
      ) : null}
      {open && canDecide && open.requestedById !== actorUserId ? (
        <ReviewDecisionForm action={decideReviewAction.bind(null, slug, open.id)} serviceName={serviceName} readiness={readiness} />
      ) : null}
      {open && open.requestedById === actorUserId ? <p className="text-sm text-zinc-600 dark:text-zinc-400">Waiting for an owner or reviewer other than you to decide.</p> : null}
      {open && canRequest ? (
        <ActionForm action={withdrawReviewAction.bind(null, slug, open.id)} submitLabel="Withdraw the request" variant="secondary" pendingLabel="Withdrawing…" />
      ) : null}
      {!open && canRequest ? (
        <ActionForm action={requestReviewAction.bind(null, slug)} submitLabel={latest ? "Ask for a new review" : "Ask for a review"} variant="secondary" pendingLabel="Asking…" />
      ) : null}
      {earlier.length ? (
        <details>
          <summary className="cursor-pointer text-sm text-sky-800 dark:text-sky-300">Earlier reviews ({earlier.length})</summary>
          <ul className="mt-2 space-y-3">
            {earlier.map((r) => (
              <li key={r.id} className="space-y-1">
                <Status status={statusOf(r)} />
                <ReviewFacts review={r} now={now} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
