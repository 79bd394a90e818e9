/** Templates as code: export to YAML/JSON, import (owners), apply to services, custom items, re-sync. */
import { stringify } from "yaml";
import { z } from "zod";
import { db } from "@/lib/db";
import { itemInclude } from "@/lib/checklists/items";
import { can, canInSomeTeam, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { applyTemplates, syncServiceChecklist } from "@/lib/checklists/apply";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { kebab } from "@/lib/text/kebab";
import { fromDbAutoCheck } from "./auto-check";
import { parseTemplateText, TemplateValidationError } from "./load";
import type { TemplateFile } from "./schema";
import { severitySchema } from "./schema";
import { sourceLabel } from "./guides";
import { syncTemplate } from "./sync";

/** A template in the list (GET /api/v1/templates), built by `publicTemplateSummary`. */
export const templateSummaryOutput = z.strictObject({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.string().nullable(),
  builtIn: z.boolean(),
  items: z.number().int().describe("active items"),
  services: z.number().int().describe("services using it"),
});

export function publicTemplateSummary(t: Awaited<ReturnType<typeof listTemplates>>[number]): z.infer<typeof templateSummaryOutput> {
  return { key: t.key, name: t.name, description: t.description, source: t.source && sourceLabel(t.source), builtIn: t.builtIn, items: t._count.items, services: t._count.services };
}

/** What an import did (POST /api/v1/templates → `template`), as `importTemplate` answers it. */
export const templateImportOutput = z.strictObject({
  key: z.string(),
  templateId: z.string(),
  created: z.boolean(),
  itemsAdded: z.number().int(),
  itemsUpdated: z.number().int(),
  itemsArchived: z.number().int(),
  servicesResynced: z.number().int(),
});

/** What applying a template to a service did (POST …/templates). */
export const applyTemplateOutput = z.strictObject({ itemsAdded: z.number().int() });

/** What a re-sync did (POST …/templates/resync): items added, updated and archived. */
export const resyncOutput = z.strictObject({ added: z.number().int(), updated: z.number().int(), archived: z.number().int() });

export async function listTemplates() {
  return db.checklistTemplate.findMany({
    orderBy: { name: "asc" },
    select: { key: true, name: true, description: true, source: true, builtIn: true, updatedAt: true, _count: { select: { items: { where: { archivedAt: null } }, services: true } } },
  });
}

/**
 * Templates to choose from on the new-service form: items, and practices (what they become on a service:
 * items of one practice merge, decision 0022), and whether it is the merged baseline.
 */
export async function templateChoices() {
  const templates = await db.checklistTemplate.findMany({
    orderBy: { name: "asc" },
    select: { key: true, name: true, items: { where: { archivedAt: null }, select: { id: true, practice: true } } },
  });
  return templates.map((t) => ({
    key: t.key,
    name: t.name,
    items: t.items.length,
    practices: new Set(t.items.map((i) => i.practice ?? i.id)).size,
  }));
}

/** The template as a file (the same format as templates/*.yaml), from the database. */
export async function exportTemplate(key: string): Promise<TemplateFile> {
  const t = await db.checklistTemplate.findUnique({
    where: { key },
    include: { sections: { orderBy: { position: "asc" }, include: { items: { where: { archivedAt: null }, orderBy: { position: "asc" } } } } },
  });
  if (!t) throw new ApiError("not_found", `No template "${key}".`);
  return {
    key: t.key,
    name: t.name,
    description: t.description,
    ...(t.source ? { source: sourceLabel(t.source) } : {}),
    sections: t.sections
      .filter((s) => s.items.length)
      .map((s) => ({
        key: s.key,
        title: s.title,
        items: s.items.map((i) => ({
          key: i.key,
          // the effective practice, so a re-import under another key still merges with the templates it shared it with
          ...(i.practice ? { practice: i.practice } : {}),
          title: i.title,
          guidance: i.guidance,
          severity: i.severity,
          required: i.required,
          ...(i.autoCheck ? { autoCheck: fromDbAutoCheck(i.autoCheck) } : {}),
          ...(i.autoCheckParam != null ? { autoCheckParam: i.autoCheckParam } : {}),
          ...(i.reverifyDays != null ? { reverifyDays: i.reverifyDays } : {}),
          ...(i.effectiveFrom ? { effectiveFrom: i.effectiveFrom.toISOString().slice(0, 10) } : {}),
        })),
      })),
  };
}

export function templateToText(tpl: TemplateFile, format: "yaml" | "json"): string {
  return format === "json" ? `${JSON.stringify(tpl, null, 2)}\n` : stringify(tpl, { lineWidth: 0 });
}

/** Owners (of any team) import templates; services using it are re-synced (ticks kept). */
export async function importTemplate(actor: Actor, text: string, source: string, ctx: Omit<AuditContext, "actor">): Promise<z.infer<typeof templateImportOutput>> {
  if (!canInSomeTeam(actor, "template:import")) {
    throw new ApiError("forbidden", "Only team owners may import templates.");
  }
  let tpl: TemplateFile;
  try {
    tpl = parseTemplateText(text, source);
  } catch (err) {
    if (err instanceof TemplateValidationError) throw new ApiError("unprocessable", "The template file is not valid.", err.problems);
    throw err;
  }
  const existing = await db.checklistTemplate.findUnique({ where: { key: tpl.key } });
  if (existing?.builtIn) throw new ApiError("conflict", `"${tpl.key}" is a built-in template; import it under another key.`);
  if (existing) {
    // Templates are shared, but a re-import re-syncs (and may archive items of) every service using it:
    // only someone who may import templates in each of those services' teams may change it.
    const users = await db.service.findMany({ where: { templates: { some: { templateId: existing.id } }, team: { archivedAt: null } }, select: { teamId: true }, distinct: ["teamId"] });
    if (users.some((s) => !can(actor, s.teamId, "template:import"))) {
      throw new ApiError("forbidden", `"${tpl.key}" is used by services of a team where you may not import templates; import it under another key.`);
    }
  }
  const result = await db.$transaction(async (tx) => {
    const r = await syncTemplate(tpl, { tx });
    const services = await tx.serviceTemplate.findMany({ where: { templateId: r.templateId }, select: { serviceId: true } });
    for (const s of services) await syncServiceChecklist(s.serviceId, tx);
    await recordAudit(tx, { actor, ...ctx }, {
      action: r.created ? "template.import" : "template.update",
      targetType: "template",
      targetId: tpl.key,
      after: { itemsAdded: r.itemsAdded, itemsUpdated: r.itemsUpdated, itemsArchived: r.itemsArchived, servicesResynced: services.length },
    });
    return { ...r, servicesResynced: services.length };
  }, { timeout: 60_000 });
  return result;
}

export const applyTemplateSchema = z.object({ template: z.string().trim().min(1) }).strict();

export async function applyTemplateToService(actor: Actor, slug: string, key: string, ctx: Omit<AuditContext, "actor">): Promise<z.infer<typeof applyTemplateOutput>> {
  const service = await requireService(actor, slug, "template:apply");
  const template = await db.checklistTemplate.findUnique({ where: { key } });
  if (!template) throw new ApiError("unprocessable", "Unknown template.", [{ path: "template", message: `There is no template with the key "${key}".` }]);
  return db.$transaction(async (tx) => {
    const before = await tx.serviceChecklistItem.count({ where: { serviceId: service.id, archivedAt: null } });
    await applyTemplates(service.id, [key], tx);
    const after = await tx.serviceChecklistItem.count({ where: { serviceId: service.id, archivedAt: null } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "service.template.apply", targetType: "service", targetId: slug, after: { template: key, itemsAdded: after - before } });
    return { itemsAdded: after - before };
  }, { timeout: 60_000 });
}

export async function resyncService(actor: Actor, slug: string, ctx: Omit<AuditContext, "actor">): Promise<z.infer<typeof resyncOutput>> {
  const service = await requireService(actor, slug, "template:apply");
  return db.$transaction(async (tx) => {
    const r = await syncServiceChecklist(service.id, tx);
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "service.template.resync", targetType: "service", targetId: slug, after: { ...r } });
    return r;
  }, { timeout: 60_000 });
}

export const customItemSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    guidance: z.string().trim().max(4000).default(""),
    severity: severitySchema.default("medium"),
    required: z.boolean().default(true),
    section: z.string().trim().min(1).max(120).default("Custom"),
  })
  .strict();

export async function addCustomItem(actor: Actor, slug: string, input: unknown, ctx: Omit<AuditContext, "actor">) {
  const service = await requireService(actor, slug, "checklist:edit");
  const data = customItemSchema.parse(input);
  const base = `custom-${kebab(data.title, 50, "item")}`;
  return db.$transaction(async (tx) => {
    const same = await tx.serviceChecklistItem.findFirst({
      where: { serviceId: service.id, archivedAt: null, title: { equals: data.title, mode: "insensitive" } },
      select: { title: true, sectionTitle: true },
    });
    if (same) throw new ApiError("conflict", `The checklist already has "${same.title}" (in ${same.sectionTitle}).`, [{ path: "title", message: "This item is already on the checklist." }]);
    const taken = new Set((await tx.serviceChecklistItem.findMany({ where: { serviceId: service.id, key: { startsWith: base } }, select: { key: true } })).map((i) => i.key));
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    const last = await tx.serviceChecklistItem.aggregate({ where: { serviceId: service.id }, _max: { position: true } });
    const sectionKey = `custom-${kebab(data.section, 60, "section")}`;
    const item = await tx.serviceChecklistItem.create({
      data: {
        serviceId: service.id,
        key,
        sectionKey,
        sectionTitle: data.section,
        title: data.title,
        guidance: data.guidance,
        severity: data.severity,
        required: data.required,
        position: (last._max.position ?? -1) + 1,
        updatedById: actor.userId,
      },
      include: itemInclude,
    });
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "checklist.add", targetType: "checklist_item", targetId: `${slug}/${key}`, after: { title: item.title, severity: item.severity, required: item.required } });
    return item;
  });
}

