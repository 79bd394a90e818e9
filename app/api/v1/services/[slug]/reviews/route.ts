import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { listReviews, publicReview, requestReview } from "@/lib/reviews/reviews";
import { requireService } from "@/lib/services/access";

/** The service's reviews, newest first (any member). */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const reviews = await listReviews(service.id);
  return jsonResponse({ reviews: reviews.map(publicReview) });
});

/** Ask for a review (editors and owners); 409 while one is open. */
export const POST = apiRoute<{ slug: string }>(async (_req, { actor, params, audit }) => {
  const review = await requestReview(actor, params.slug, audit);
  return jsonResponse({ review: publicReview(review) }, { status: 201 });
});
