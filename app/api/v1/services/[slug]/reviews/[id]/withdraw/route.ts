import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { publicReview, withdrawReview } from "@/lib/reviews/reviews";

/** Withdraw an open request (editors and owners). */
export const POST = apiRoute<{ slug: string; id: string }>(async (_req, { actor, params, audit }) => {
  const review = await withdrawReview(actor, params.slug, params.id, audit);
  return jsonResponse({ review: publicReview(review) });
});
