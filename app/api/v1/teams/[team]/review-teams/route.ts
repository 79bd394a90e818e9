import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { addReviewTeam, addReviewTeamSchema, readReviewSettings, removeReviewTeam, reviewTierSchema, setReviewTier } from "@/lib/reviews/review-teams";

type P = { team: string };

/** Who may decide the team's reviews besides its own owners and reviewers, and the tiers that need one. */
export const GET = apiRoute<P>(async (_req, { actor, params }) => jsonResponse(await readReviewSettings(actor, params.team)));

/** Owners name a review team: `{"team": "<slug>"}`. */
export const POST = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, addReviewTeamSchema);
  return jsonResponse(await addReviewTeam(actor, params.team, body, audit), { status: 201 });
});

/** Owners set up to which tier an approved, current review is needed: `{"reviewRequiredUpToTier": 1}`. */
export const PATCH = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, reviewTierSchema);
  return jsonResponse(await setReviewTier(actor, params.team, body, audit));
});

/** Owners remove a review team: `{"team": "<slug>"}`. */
export const DELETE = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, addReviewTeamSchema);
  return jsonResponse(await removeReviewTeam(actor, params.team, body, audit));
});
