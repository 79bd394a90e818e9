import { z } from "zod";
import { sourceLabel } from "./guides";

/**
 * The shape of a checklist template file (templates/*.yaml). Templates are data: the
 * seed guides are encoded as these files and loaded idempotently by `syncTemplates`.
 */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const AUTO_CHECK_KINDS = [
  "health-endpoint-up",
  "tls-valid",
  "hsts",
  "security-headers",
  "latency-p95-under",
] as const;
export const autoCheckKindSchema = z.enum(AUTO_CHECK_KINDS);
export type AutoCheckKind = z.infer<typeof autoCheckKindSchema>;

const keySchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Write keys in kebab-case: lower-case words joined by single dashes, such as tls-valid.");

/** An item's key names it in URLs (`…/checklist/{key}`), beside `…/checklist/bulk`, the bulk write. */
const itemKeySchema = keySchema.refine((k) => k !== "bulk", '"bulk" is reserved for the checklist\'s bulk write: choose another key.');

export const templateItemSchema = z
  .object({
    key: itemKeySchema,
    /**
     * The practice this item is an instance of: a key shared across templates (the built-in guides use the
     * baseline item keys). Items of one practice become one item on a service that applies several of them.
     */
    practice: itemKeySchema.optional(),
    title: z.string().trim().min(3).max(200),
    guidance: z.string().trim().min(1).max(4000),
    severity: severitySchema,
    required: z.boolean().default(true),
    /**
     * With `required`: the item is required only of services of this tier or a more critical one (1 is the
     * most critical, 4 the least); absent: of every tier. A non-required item has no tier to name.
     */
    requiredUpToTier: z.number().int().min(1, "Tiers run from 1 (the most critical) to 4.").max(4, "Tiers run from 1 (the most critical) to 4.").optional(),
    autoCheck: autoCheckKindSchema.optional(),
    /** Parameter for auto-checks that need one (latency-p95-under: milliseconds). */
    autoCheckParam: z.number().positive().optional(),
    /** A tick older than this many days needs re-verification (recurring practices); never for auto-checked items. */
    reverifyDays: z.number().int().min(1).max(3650).optional(),
    /** The rule starts on this date (YYYY-MM-DD, UTC): before it the item is "upcoming" and does not count. */
    effectiveFrom: z.iso.date().optional(),
    /** For merged templates: the `template:item` keys this item stands for. */
    sources: z.array(z.string().regex(/^[a-z0-9-]+:[a-z0-9-]+$/, "Write each source as template:item, such as cryptopulse:tls-valid.")).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.requiredUpToTier !== undefined && !item.required) {
      ctx.addIssue({ code: "custom", path: ["requiredUpToTier"], message: "requiredUpToTier applies to required items only: remove it or make the item required." });
    }
    if (item.reverifyDays !== undefined && item.autoCheck !== undefined) {
      ctx.addIssue({ code: "custom", path: ["reverifyDays"], message: "Auto-checked items are verified from live probes: drop reverifyDays or the autoCheck." });
    }
    if (item.autoCheck === "latency-p95-under" && item.autoCheckParam === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["autoCheckParam"],
        message: "The latency-p95-under auto-check needs autoCheckParam: the p95 limit in ms.",
      });
    }
  });

export const templateSectionSchema = z
  .object({
    key: keySchema,
    title: z.string().trim().min(1).max(120),
    items: z.array(templateItemSchema).min(1),
  })
  .strict();

export const templateFileSchema = z
  .object({
    key: keySchema,
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(2000),
    /** Where the template comes from (a guide's title, or a URL); a seed guide's file name reads as its title. */
    source: z.string().trim().min(1).max(500).transform(sourceLabel).optional(),
    sections: z.array(templateSectionSchema).min(1),
  })
  .strict()
  .superRefine((tpl, ctx) => {
    const seen = new Map<string, string>();
    tpl.sections.forEach((section, s) => {
      section.items.forEach((item, i) => {
        const prev = seen.get(item.key);
        if (prev) {
          ctx.addIssue({
            code: "custom",
            path: ["sections", s, "items", i, "key"],
            message: `The item key "${item.key}" is used twice (also in section "${prev}"): give each item its own key.`,
          });
        }
        seen.set(item.key, section.key);
      });
    });
    const sectionKeys = new Set<string>();
    tpl.sections.forEach((section, s) => {
      if (sectionKeys.has(section.key)) {
        ctx.addIssue({ code: "custom", path: ["sections", s, "key"], message: `The section key "${section.key}" is used twice: give each section its own key.` });
      }
      sectionKeys.add(section.key);
    });
  });

export type TemplateFile = z.infer<typeof templateFileSchema>;
export type TemplateItem = z.infer<typeof templateItemSchema>;

/**
 * The practice key an item stands for: its `practice`, else its own key when it lists `sources` (a merged item
 * such as a baseline item defines the practice its sources share), else none: the item merges with nothing.
 */
export function practiceOf(item: Pick<TemplateItem, "key" | "practice" | "sources">): string | null {
  return item.practice ?? (item.sources?.length ? item.key : null);
}
