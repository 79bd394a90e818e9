"use server";

import { runFormAction, type FormState } from "@/lib/http/form-state";
import { decideReview, requestReview, withdrawReview } from "@/lib/reviews/reviews";

export async function requestReviewAction(slug: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return runFormAction(`/services/${slug}`, async ({ actor, audit }) => {
    await requestReview(actor, slug, audit);
    return "Review requested.";
  });
}

export async function decideReviewAction(slug: string, reviewId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(`/services/${slug}`, async ({ actor, audit }) => {
    // decideReview validates them (a missing or unknown decision is refused with a message)
    const input = {
      decision: String(form.get("decision") ?? ""),
      comment: String(form.get("comment") ?? ""),
      acknowledgeBlockers: form.get("acknowledgeBlockers") === "on",
    };
    const review = await decideReview(actor, slug, reviewId, input, audit);
    return review.status === "approved" ? "Approved." : "Changes requested.";
  });
}

export async function withdrawReviewAction(slug: string, reviewId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return runFormAction(`/services/${slug}`, async ({ actor, audit }) => {
    await withdrawReview(actor, slug, reviewId, audit);
    return "Request withdrawn.";
  });
}
