"use server";

import { revalidatePath } from "next/cache";
import { currentActor, requestIp } from "@/lib/auth/request";
import { ApiError } from "@/lib/http/errors";
import { formNumber } from "@/lib/http/form-data";
import { formStateFromError, type FormState } from "@/lib/http/form-state";
import { createApiToken } from "@/lib/teams/api-tokens";
import { revokeApiToken } from "@/lib/teams/api-tokens";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/teams/invitations";
import { changeMemberRole, removeMember, requireVisibleTeam } from "@/lib/teams/members";


/** Common frame of every team action: signed-in actor, visible team, audit context, errors as form state. */
async function run(slug: string, fn: (ctx: Awaited<ReturnType<typeof context>>) => Promise<FormState>): Promise<FormState> {
  try {
    const result = await fn(await context(slug));
    revalidatePath(`/teams/${slug}`, "layout");
    return result;
  } catch (err) {
    return formStateFromError(err);
  }
}

async function context(slug: string) {
  const actor = await currentActor();
  if (!actor) throw new ApiError("unauthorized", "Your session has ended. Sign in again.");
  const team = await requireVisibleTeam(actor, slug);
  return { actor, team, audit: { ip: await requestIp() } };
}

export async function inviteAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const { invitation } = await createInvitation(actor, team.id, { email: String(form.get("email") ?? ""), role: form.get("role") as "viewer" }, audit);
    return { ok: true, message: `Invitation sent to ${invitation.email} as ${invitation.role}.` };
  });
}

export async function revokeInvitationAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const inv = await revokeInvitation(actor, team.id, id, audit);
    return { ok: true, message: `Invitation for ${inv.email} revoked.` };
  });
}

export async function resendInvitationAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const { invitation } = await resendInvitation(actor, team.id, id, audit);
    return { ok: true, message: `Invitation sent again to ${invitation.email}; the previous link no longer works.` };
  });
}

export async function changeRoleAction(slug: string, userId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const m = await changeMemberRole(actor, team.id, userId, { role: form.get("role") }, audit);
    return { ok: true, message: `Role changed to ${m.role}.` };
  });
}

export async function removeMemberAction(slug: string, userId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    await removeMember(actor, team.id, userId, audit);
    return { ok: true, message: "Member removed." };
  });
}

export async function createTokenAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const { token, secret } = await createApiToken(
      actor,
      team.id,
      { name: String(form.get("name") ?? ""), role: (form.get("role") || undefined) as "viewer" | undefined, expiresInDays: formNumber(form, "expiresInDays") },
      audit,
    );
    return { ok: true, message: `Token "${token.name}" created. Copy it now: it is not shown again.`, secret };
  });
}

export async function revokeTokenAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, team, audit }) => {
    const t = await revokeApiToken(actor, team.id, id, audit);
    return { ok: true, message: `Token "${t.name}" revoked.` };
  });
}
