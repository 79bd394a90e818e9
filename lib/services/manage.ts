/** Creating, changing and deleting services (editors create and change; owners delete). */
import { z } from "zod";
import { db } from "@/lib/db";
import { authorize, can, roleIn, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { applyTemplates } from "@/lib/checklists/apply";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { kebab } from "@/lib/text/kebab";
import { requireVisibleTeam } from "@/lib/teams/members";
import { markApprovalStaleTx, tierStaleReason } from "@/lib/reviews/store";
import { lockChecksOfServicesTx } from "@/lib/probes/row-locks";
import { PARKED_NEXT_RUN } from "@/lib/probes/schedule";
import { requireService } from "./access";

/** Slugs that would shadow pages under /services/. */
const RESERVED_SLUGS = new Set(["new"]);
const RESERVED_SLUG_MESSAGE = "This slug is taken by a page of Preflight: choose another.";

const slugSchema = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, such as payments-api.")
  .refine((s) => !RESERVED_SLUGS.has(s), RESERVED_SLUG_MESSAGE);

export const ENVIRONMENTS = ["production", "staging", "other"] as const;

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || (/^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v)), `The ${what} must be a full URL starting with http:// or https://.`);

/** Blank text clears an optional field: stored as null. */
const optionalText = <T extends z.ZodType<string>>(schema: T) => z.union([schema, z.null()]).transform((v) => (v ? v : null));

const fields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000),
  environment: z.enum(ENVIRONMENTS, { error: "Choose the environment: production, staging or other." }),
  tier: z.coerce.number().int().min(1).max(4),
  tags: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,29}$/, { error: (issue) => `Tags are single words of lower-case letters, digits and dashes (at most 30 characters): "${String(issue.input)}" is not.` })).max(20),
  /** a member's email (the owner is then that member) or any name, such as "Payments squad" */
  owner: optionalText(z.string().trim().max(200)),
  /** a name, a channel, or a rotation URL (then http or https only) */
  onCall: optionalText(
    z
      .string()
      .trim()
      .max(500)
      .refine((v) => !/^[a-z][a-z0-9+.-]*:/i.test(v) || /^mailto:/i.test(v) || (/^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v)), "An on-call link must be a full URL starting with http:// or https://."),
  ),
  runbookUrl: optionalText(httpUrl("runbook link")),
  repositoryUrl: optionalText(httpUrl("repository link")),
};

export const createServiceSchema = z
  .object({
    name: fields.name,
    slug: slugSchema.optional(),
    team: z.string().trim().min(1),
    description: fields.description.optional(),
    environment: fields.environment.optional(),
    tier: fields.tier.optional(),
    tags: fields.tags.optional(),
    owner: fields.owner.optional(),
    onCall: fields.onCall.optional(),
    runbookUrl: fields.runbookUrl.optional(),
    repositoryUrl: fields.repositoryUrl.optional(),
    templates: z.array(z.string().trim().min(1)).max(10).optional(),
  })
  .strict();

export const updateServiceSchema = z
  .object({
    name: fields.name.optional(),
    description: fields.description.optional(),
    environment: fields.environment.optional(),
    tier: fields.tier.optional(),
    tags: fields.tags.optional(),
    owner: fields.owner.optional(),
    onCall: fields.onCall.optional(),
    runbookUrl: fields.runbookUrl.optional(),
    repositoryUrl: fields.repositoryUrl.optional(),
    /** true archives the service (hidden from the board, kept), false restores it; owners only */
    archived: z.boolean().optional(),
  })
  .strict();

/** Deleting a service for good: `confirm` must be its slug, as typed by a person. */
export const deleteServiceSchema = z.object({ confirm: z.string().max(200).optional() }).strict();
export const moveServiceSchema = z.object({ team: z.string().trim().min(1).max(60) }).strict();

type Tx = Prisma.TransactionClient;

/**
 * The owner columns for what was typed: a member's email (case-insensitive) makes that member the owner;
 * anything else is kept as a name. Null clears both.
 */
async function ownerColumns(tx: Tx, teamId: string, owner: string | null): Promise<{ ownerUserId: string | null; ownerName: string | null }> {
  if (!owner) return { ownerUserId: null, ownerName: null };
  if (owner.includes("@")) {
    const member = await tx.membership.findFirst({ where: { teamId, user: { email: { equals: owner, mode: "insensitive" } } }, select: { userId: true } });
    if (member) return { ownerUserId: member.userId, ownerName: null };
  }
  return { ownerUserId: null, ownerName: owner };
}

const serviceInclude = { team: { select: { slug: true, name: true } }, owner: { select: { email: true, name: true } } } satisfies Prisma.ServiceInclude;

/** What the audit log keeps of a service's editable fields. */
function auditFields(s: Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>) {
  return {
    name: s.name,
    description: s.description,
    environment: s.environment,
    tier: s.tier,
    tags: s.tags,
    owner: s.owner?.email ?? s.ownerName,
    onCall: s.onCall,
    runbookUrl: s.runbookUrl,
    repositoryUrl: s.repositoryUrl,
    archived: s.archivedAt !== null,
  };
}

export async function createService(actor: Actor, raw: unknown, ctx: Omit<AuditContext, "actor">) {
  const input = createServiceSchema.parse(raw);
  const team = await requireVisibleTeam(actor, input.team);
  authorize(actor, team.id, "service:create", "team");
  const slug = input.slug ?? kebab(input.name, 60, "service");
  if (RESERVED_SLUGS.has(slug)) throw new ApiError("unprocessable", "Choose another slug.", [{ path: "slug", message: RESERVED_SLUG_MESSAGE }]);
  if (input.templates?.length) {
    const known = await db.checklistTemplate.findMany({ where: { key: { in: input.templates } }, select: { key: true } });
    const unknown = input.templates.filter((k) => !known.some((t) => t.key === k));
    if (unknown.length) {
      throw new ApiError("unprocessable", "Unknown template.", unknown.map((k) => ({ path: "templates", message: `There is no template with the key "${k}".` })));
    }
  }
  try {
    return await db.$transaction(async (tx) => {
      const service = await tx.service.create({
        data: {
          teamId: team.id,
          slug,
          name: input.name,
          description: input.description ?? "",
          environment: input.environment ?? "production",
          tier: input.tier ?? 2,
          tags: input.tags ?? [],
          onCall: input.onCall ?? null,
          runbookUrl: input.runbookUrl ?? null,
          repositoryUrl: input.repositoryUrl ?? null,
          ...(await ownerColumns(tx, team.id, input.owner ?? null)),
        },
        include: serviceInclude,
      });
      await applyTemplates(service.id, input.templates ?? [], tx);
      await recordAudit(tx, { actor, ...ctx }, {
        teamId: team.id,
        serviceId: service.id,
        action: "service.create",
        targetType: "service",
        targetId: service.slug,
        after: { ...auditFields(service), slug: service.slug, templates: input.templates ?? [] },
      });
      return service;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ApiError("conflict", `A service with the slug "${slug}" already exists. Choose another slug.`, [
        { path: "slug", message: `"${slug}" is taken by another service.` },
      ]);
    }
    throw err;
  }
}

/**
 * Changes a service's fields (editors); `archived: true | false` archives or restores it (owners). The
 * change and its audit entry land together; a refusal writes nothing.
 */
export async function updateService(actor: Actor, slug: string, raw: unknown, ctx: Omit<AuditContext, "actor">) {
  const input = updateServiceSchema.parse(raw);
  const { archived, owner, ...rest } = input;
  const editsFields = Object.keys(rest).length > 0 || owner !== undefined;
  const service = await requireService(actor, slug, editsFields || archived === undefined ? "service:update" : "service:archive");
  if (archived !== undefined) authorize(actor, service.teamId, "service:archive", "service");
  return db.$transaction(async (tx) => {
    const before = await tx.service.findUniqueOrThrow({ where: { id: service.id }, include: serviceInclude });
    const archiving = archived === undefined || archived === (before.archivedAt !== null) ? {} : { archivedAt: archived ? new Date() : null };
    const updated = await tx.service.update({
      where: { id: service.id },
      data: { ...rest, ...(owner !== undefined ? await ownerColumns(tx, service.teamId, owner) : {}), ...archiving },
      include: serviceInclude,
    });
    const action = "archivedAt" in archiving ? (archived ? "service.archive" : "service.restore") : "service.update";
    // An archived service is not probed: its checks are parked out of every claim and due again on restore.
    if ("archivedAt" in archiving) {
      await lockChecksOfServicesTx(tx, [service.id]);
      await tx.healthCheck.updateMany({ where: { serviceId: service.id }, data: { nextRunAt: archived ? PARKED_NEXT_RUN : new Date() } });
    }
    // A more critical tier asks more of the service than the approval saw (lib/reviews/store.ts).
    const tierReason = tierStaleReason(before.tier, updated.tier);
    if (tierReason) await markApprovalStaleTx(tx, service.id, tierReason, new Date());
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: editsFields && action !== "service.update" ? `${action}+update` : action,
      targetType: "service",
      targetId: slug,
      before: auditFields(before),
      after: auditFields(updated),
    });
    return updated;
  });
}

/** Deletes a service for good (owners), with everything it holds; `confirm` must be its slug. Its audit entries stay. */
export async function deleteService(actor: Actor, slug: string, raw: unknown, ctx: Omit<AuditContext, "actor">) {
  const input = deleteServiceSchema.parse(raw);
  const service = await requireService(actor, slug, "service:delete");
  if (input.confirm?.trim() !== service.slug) {
    throw new ApiError(
      "unprocessable",
      input.confirm === undefined ? "Deleting a service needs its slug as \"confirm\"." : "The confirmation does not match the service's slug.",
      [{ path: "confirm", message: `Type the service's slug exactly, "${service.slug}", to delete it with its checklist and history.` }],
    );
  }
  await db.$transaction(async (tx) => {
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "service.delete",
      targetType: "service",
      targetId: slug,
      before: { name: service.name, slug: service.slug, archived: service.archivedAt !== null },
    });
    await tx.service.delete({ where: { id: service.id } });
  });
}

/**
 * Moves a service, with its checklist, checks and history, to another team: the caller must be allowed to
 * move services in both (owners). A member owner who is not in the new team stays named, as text.
 */
export async function moveService(actor: Actor, slug: string, raw: unknown, ctx: Omit<AuditContext, "actor">) {
  const input = moveServiceSchema.parse(raw);
  const service = await requireService(actor, slug, "service:move");
  const target = await db.team.findUnique({ where: { slug: input.team } });
  if (!target || target.archivedAt || !roleIn(actor, target.id)) {
    throw new ApiError("unprocessable", "Unknown team.", [{ path: "team", message: `You are not in a team with the slug "${input.team}".` }]);
  }
  if (target.id === service.teamId) throw new ApiError("unprocessable", "The service is in this team already.", [{ path: "team", message: `${service.name} is in ${target.name} already.` }]);
  if (!can(actor, target.id, "service:move")) {
    throw new ApiError("forbidden", `Moving a service needs the owner role in both teams: you are not an owner of ${target.name}.`);
  }
  return db.$transaction(async (tx) => {
    const before = await tx.service.findUniqueOrThrow({ where: { id: service.id }, include: serviceInclude });
    let owner: { ownerUserId?: null; ownerName?: string } = {};
    if (before.ownerUserId && !(await tx.membership.findUnique({ where: { teamId_userId: { teamId: target.id, userId: before.ownerUserId } } }))) {
      owner = { ownerUserId: null, ownerName: before.owner?.name ?? before.owner?.email ?? "" };
    }
    const moved = await tx.service.update({ where: { id: service.id }, data: { teamId: target.id, ...owner }, include: serviceInclude });
    // One entry in each team's log, so both owners see it.
    for (const teamId of [before.teamId, target.id]) {
      await recordAudit(tx, { actor, ...ctx }, {
        teamId,
        serviceId: service.id,
        action: "service.move",
        targetType: "service",
        targetId: slug,
        before: { team: before.team.slug, owner: before.owner?.email ?? before.ownerName },
        after: { team: moved.team.slug, owner: moved.owner?.email ?? moved.ownerName },
      });
    }
    return moved;
  });
}
