/** Creating, changing and deleting services (editors create and change; owners delete). */
import { z } from "zod";
import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { applyTemplates } from "@/lib/checklists/apply";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { kebab } from "@/lib/text/kebab";
import { requireVisibleTeam } from "@/lib/teams/members";
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

const fields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000),
  environment: z.string().trim().min(1).max(40),
  tier: z.coerce.number().int().min(1).max(4),
  tags: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,29}$/, { error: (issue) => `Tags are single words of lower-case letters, digits and dashes (at most 30 characters): "${String(issue.input)}" is not.` })).max(20),
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
  })
  .strict();

export async function createService(actor: Actor, input: z.infer<typeof createServiceSchema>, ctx: Omit<AuditContext, "actor">) {
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
        },
        include: { team: { select: { slug: true, name: true } } },
      });
      await applyTemplates(service.id, input.templates ?? [], tx);
      await recordAudit(tx, { actor, ...ctx }, {
        teamId: team.id,
        serviceId: service.id,
        action: "service.create",
        targetType: "service",
        targetId: service.slug,
        after: { name: service.name, slug: service.slug, tier: service.tier, templates: input.templates ?? [] },
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

export async function updateService(actor: Actor, slug: string, input: z.infer<typeof updateServiceSchema>, ctx: Omit<AuditContext, "actor">) {
  const service = await requireService(actor, slug, "service:update");
  return db.$transaction(async (tx) => {
    const updated = await tx.service.update({ where: { id: service.id }, data: input, include: { team: { select: { slug: true, name: true } } } });
    const pick = (s: typeof service) => ({ name: s.name, description: s.description, environment: s.environment, tier: s.tier, tags: s.tags });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "service.update",
      targetType: "service",
      targetId: slug,
      before: pick(service),
      after: pick(updated),
    });
    return updated;
  });
}

export async function deleteService(actor: Actor, slug: string, ctx: Omit<AuditContext, "actor">) {
  const service = await requireService(actor, slug, "service:delete");
  await db.$transaction(async (tx) => {
    await tx.service.delete({ where: { id: service.id } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "service.delete",
      targetType: "service",
      targetId: slug,
      before: { name: service.name, slug: service.slug },
    });
  });
}
