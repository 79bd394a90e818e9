import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { decideReview, decideReviewSchema, publicReview } from "@/lib/reviews/reviews";

/** Approve or request changes (owners and reviewers other than the person who asked). */
export const POST = apiRoute<{ slug: string; id: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, decideReviewSchema);
  const review = await decideReview(actor, params.slug, params.id, body, audit);
  return jsonResponse({ review: publicReview(review) });
});
