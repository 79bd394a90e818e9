import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { listReviews, publicReview, requestReview } from "@/lib/reviews/reviews";
import { requireService } from "@/lib/services/access";

/** The service's reviews, newest first (any member). */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const reviews = await listReviews(service.id);
  return NextResponse.json({ reviews: reviews.map(publicReview) }, { headers: { "cache-control": "no-store" } });
});

/** Ask for a review (editors and owners); 409 while one is open. */
export const POST = apiRoute<{ slug: string }>(async (_req, { actor, params, audit }) => {
  const review = await requestReview(actor, params.slug, audit);
  return NextResponse.json({ review: publicReview(review) }, { status: 201 });
});
