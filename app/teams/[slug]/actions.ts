"use server";

import { formNumber } from "@/lib/http/form-data";
import { runFormAction, type FormContext, type FormOutcome, type FormState } from "@/lib/http/form-state";
import { createApiToken } from "@/lib/teams/api-tokens";
import { revokeApiToken } from "@/lib/teams/api-tokens";
import { createAgentToken, revokeAgentToken } from "@/lib/agents/tokens";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/teams/invitations";
import { changeMemberRole, removeMember, requireVisibleTeam } from "@/lib/teams/members";
import { addReviewTeam, removeReviewTeam, setReviewTier } from "@/lib/reviews/review-teams";
import { setPublicBadges } from "@/lib/teams/badges";


/** Team actions run in the frame of every action, with the team (404 unless the actor is a member); every team page is rendered again. */
function run(slug: string, fn: (ctx: FormContext & { team: Awaited<ReturnType<typeof requireVisibleTeam>> }) => Promise<FormOutcome>): Promise<FormState> {
  return runFormAction(`/teams/${slug}`, async (ctx) => fn({ ...ctx, team: await requireVisibleTeam(ctx.actor, slug) }), { revalidate: "layout" });
}

export async function inviteAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const { invitation } = await createInvitation(actor, team.id, { email: String(form.get("email") ?? ""), role: form.get("role") }, audit);
    return `Invitation sent to ${invitation.email} as ${invitation.role}.`;
  });
}

export async function revokeInvitationAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const inv = await revokeInvitation(actor, team.id, id, audit);
    return `Invitation for ${inv.email} revoked.`;
  });
}

export async function resendInvitationAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const { invitation } = await resendInvitation(actor, team.id, id, audit);
    return `Invitation sent again to ${invitation.email}; the previous link no longer works.`;
  });
}

export async function changeRoleAction(slug: string, userId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const m = await changeMemberRole(actor, team.id, userId, { role: form.get("role") }, audit);
    return `Role changed to ${m.role}.`;
  });
}

export async function removeMemberAction(slug: string, userId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    await removeMember(actor, team.id, userId, audit);
    return "Member removed.";
  });
}

export async function createTokenAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const { token, secret } = await createApiToken(
      actor,
      team.id,
      { name: String(form.get("name") ?? ""), role: form.get("role") || undefined, expiresInDays: formNumber(form, "expiresInDays") },
      audit,
    );
    return { message: `Token "${token.name}" created. Copy it now: it is not shown again.`, secret };
  });
}

export async function revokeTokenAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const t = await revokeApiToken(actor, team.id, id, audit);
    return `Token "${t.name}" revoked.`;
  });
}

export async function createAgentTokenAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const name = String(form.get("name") ?? "").trim();
    const { token, secret } = await createAgentToken(actor, team.id, { location: String(form.get("location") ?? ""), ...(name ? { name } : {}) }, audit);
    return { message: `Agent token "${token.name}" for ${token.location} created. Copy it now: it is not shown again.`, secret };
  });
}

export async function revokeAgentTokenAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const t = await revokeAgentToken(actor, team.id, id, audit);
    return `Agent token "${t.name}" revoked.`;
  });
}

export async function setReviewTierAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const { reviewRequiredUpToTier: tier } = await setReviewTier(actor, slug, { reviewRequiredUpToTier: form.get("reviewRequiredUpToTier") }, audit);
    return tier === 0 ? "No tier needs an approved review now." : `Tiers 1${tier > 1 ? `–${tier}` : ""} need an approved, current review to be ready.`;
  });
}

export async function addReviewTeamAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    await addReviewTeam(actor, slug, { team: String(form.get("team") ?? "") }, audit);
    return "Review team added: its owners and reviewers may decide this team's reviews.";
  });
}

export async function removeReviewTeamAction(slug: string, reviewTeam: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    await removeReviewTeam(actor, slug, { team: reviewTeam }, audit);
    return "Review team removed.";
  });
}

/** The button posts the setting it turns to ("on" or "off"), so a second click of a stale page changes nothing. */
export async function setPublicBadgesAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const on = await setPublicBadges(actor, slug, { publicBadges: form.get("publicBadges") === "on" }, audit);
    return on ? "Public badges are on: each service page shows its badge Markdown." : "Public badges are off: every badge URL of the team answers 404.";
  });
}
