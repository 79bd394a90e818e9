/** Invitations: single-use links that expire after 7 days; only a hash of the token is stored. */
import { z } from "zod";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { authorize, invitableRolesOf, type Actor } from "@/lib/auth/actor";
import { generateSecret, hashSecret } from "@/lib/auth/tokens";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { sendLinkEmail } from "@/lib/email/send";
import type { Invitation, Role } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/security/rate-limit";
import { invitationLimits } from "@/lib/security/limits";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export const createInvitationSchema = z.object({
  email: z
    .email()
    .max(254, "An email address has at most 254 characters.")
    .refine((e) => e.split("@")[0]!.length <= 64, "The part of an email address before the @ has at most 64 characters.")
    .transform((e) => e.trim().toLowerCase()),
  role: z.enum(["owner", "editor", "reviewer", "viewer"]),
});

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export function invitationStatus(inv: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return "pending";
}

export function invitationUrl(token: string): string {
  return `${publicUrl()}/invite/${token}`;
}

async function sendInvitation(email: string, teamName: string, role: Role, token: string) {
  await sendLinkEmail({
    kind: "invitation",
    to: email,
    url: invitationUrl(token),
    subject: `You are invited to ${teamName} on Preflight`,
    intro: `You are invited to join the team ${teamName} on Preflight as ${role}. The link works once and expires in 7 days.`,
  });
}

/** An invitation as the API answers it (`publicInvitation` builds it); never its link. */
export const invitationOutput = z.strictObject({
  id: z.string(),
  email: z.string(),
  role: z.enum(["owner", "editor", "reviewer", "viewer"]),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export function publicInvitation(inv: Invitation, now = new Date()): z.infer<typeof invitationOutput> {
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    status: invitationStatus(inv, now),
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    acceptedAt: inv.acceptedAt?.toISOString() ?? null,
    revokedAt: inv.revokedAt?.toISOString() ?? null,
  };
}

/** Each invitation email counts, sent or sent again: per inviter and per client IP. */
async function enforceInvitationLimits(actor: Actor, ctx: Omit<AuditContext, "actor">) {
  const limits = invitationLimits();
  await enforceRateLimits([
    { rule: limits.perInviter, subject: actor.userId },
    { rule: limits.perIp, subject: ctx.ip ?? "unknown" },
  ]);
}

export async function createInvitation(
  actor: Actor,
  teamId: string,
  input: unknown,
  ctx: Omit<AuditContext, "actor">,
  now = new Date(),
) {
  const role = authorize(actor, teamId, "invitations:create", "team");
  const data = createInvitationSchema.parse(input);
  const invitable = invitableRolesOf(actor, teamId);
  if (!invitable.includes(data.role)) {
    throw new ApiError("forbidden", `As ${actor.token ? `token: ${actor.token.role}` : role} you may invite ${invitable.join(" or ")} only.`);
  }
  await enforceInvitationLimits(actor, ctx);
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId } });
  const existingMember = await db.membership.findFirst({ where: { teamId, user: { email: data.email } } });
  if (existingMember) throw new ApiError("conflict", `${data.email} is already a member of ${team.name}.`);

  const token = generateSecret();
  const invitation = await db.$transaction(async (tx) => {
    // A new invitation replaces a pending one for the same email (audited as a revocation).
    const replaced = await tx.invitation.findMany({ where: { teamId, email: data.email, acceptedAt: null, revokedAt: null } });
    for (const old of replaced) {
      await tx.invitation.update({ where: { id: old.id }, data: { revokedAt: now } });
      await recordAudit(tx, { actor, ...ctx }, {
        teamId,
        action: "invitation.revoke",
        targetType: "invitation",
        targetId: old.id,
        before: { status: "pending", role: old.role },
        after: { status: "revoked", reason: "replaced by a new invitation", email: old.email },
      });
    }
    const inv = await tx.invitation.create({
      data: { teamId, email: data.email, role: data.role, tokenHash: hashSecret(token), invitedById: actor.userId, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "invitation.create",
      targetType: "invitation",
      targetId: inv.id,
      after: { email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString() },
    });
    return inv;
  });
  await sendInvitation(data.email, team.name, data.role, token);
  return { invitation, token };
}

async function findTeamInvitation(teamId: string, id: string) {
  const inv = await db.invitation.findFirst({ where: { id, teamId } });
  if (!inv) throw new ApiError("not_found", "No such invitation.");
  return inv;
}

export async function revokeInvitation(actor: Actor, teamId: string, id: string, ctx: Omit<AuditContext, "actor">, now = new Date()) {
  authorize(actor, teamId, "invitations:manage", "team");
  const inv = await findTeamInvitation(teamId, id);
  if (invitationStatus(inv, now) !== "pending") {
    throw new ApiError("conflict", `This invitation is already ${invitationStatus(inv, now)}.`);
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.invitation.update({ where: { id }, data: { revokedAt: now } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: id,
      before: { status: "pending" },
      after: { status: "revoked", email: inv.email },
    });
    return updated;
  });
}

/** Resend: a fresh token (the old link stops working) and a fresh 7-day expiry. */
export async function resendInvitation(actor: Actor, teamId: string, id: string, ctx: Omit<AuditContext, "actor">, now = new Date()) {
  authorize(actor, teamId, "invitations:manage", "team");
  const inv = await findTeamInvitation(teamId, id);
  const status = invitationStatus(inv, now);
  if (status === "accepted" || status === "revoked") throw new ApiError("conflict", `This invitation is already ${status}.`);
  await enforceInvitationLimits(actor, ctx);
  const token = generateSecret();
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId } });
  const updated = await db.$transaction(async (tx) => {
    const u = await tx.invitation.update({
      where: { id },
      data: { tokenHash: hashSecret(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "invitation.resend",
      targetType: "invitation",
      targetId: id,
      before: { expiresAt: inv.expiresAt.toISOString() },
      after: { expiresAt: u.expiresAt.toISOString() },
    });
    return u;
  });
  await sendInvitation(inv.email, team.name, inv.role, token);
  return { invitation: updated, token };
}

/** The team's invitations, newest first: all of them (API, the latest 200), or only those still open (team page). */
export async function listInvitations(teamId: string, opts: { openOnly: boolean }) {
  return opts.openOnly
    ? db.invitation.findMany({ where: { teamId, acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } })
    : db.invitation.findMany({ where: { teamId }, orderBy: { createdAt: "desc" }, take: 200 });
}

export type InvitationLookup =
  | { ok: true; invitation: Invitation & { team: { id: string; slug: string; name: string } } }
  | { ok: false; reason: "unknown" | "accepted" | "revoked" | "expired" };

export async function lookupInvitation(token: string, now = new Date()): Promise<InvitationLookup> {
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { team: { select: { id: true, slug: true, name: true } } },
  });
  if (!inv) return { ok: false, reason: "unknown" };
  const status = invitationStatus(inv, now);
  return status === "pending" ? { ok: true, invitation: inv } : { ok: false, reason: status };
}

/**
 * Accept: creates the user if needed and the membership, marks the invitation used (single use,
 * guarded by the WHERE so two clicks cannot both succeed), and audits. Returns the user id.
 */
export async function acceptInvitation(token: string, ctx: { ip?: string; requestId?: string }, now = new Date()) {
  const found = await lookupInvitation(token, now);
  if (!found.ok) throw new ApiError(found.reason === "unknown" ? "not_found" : "conflict", `This invitation is ${found.reason === "unknown" ? "not valid" : found.reason}.`);
  const inv = found.invitation;
  return db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw new ApiError("conflict", "This invitation was used already.");
    const user = await tx.user.upsert({
      where: { email: inv.email },
      update: { emailVerified: now },
      create: { email: inv.email, emailVerified: now },
    });
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedById: user.id } });
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: inv.teamId, userId: user.id } } });
    if (!existing) await tx.membership.create({ data: { teamId: inv.teamId, userId: user.id, role: inv.role } });
    await recordAudit(tx, { actor: { userId: user.id, email: user.email, via: "ui" }, ...ctx }, {
      teamId: inv.teamId,
      action: "invitation.accept",
      targetType: "invitation",
      targetId: inv.id,
      after: { email: inv.email, role: inv.role, membership: existing ? "already a member" : "created" },
    });
    return { userId: user.id, team: inv.team };
  });
}
