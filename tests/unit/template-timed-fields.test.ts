import { describe, expect, it } from "vitest";
import { mergeFields, type PlanTemplateItem } from "@/lib/checklists/merge";
import { loadTemplateDir } from "@/lib/templates/load";
import { templateItemSchema } from "@/lib/templates/schema";

const base = { key: "test-restores", title: "Regularly test backup restoration", guidance: "Restore a backup.", severity: "high" };

describe("template items: reverifyDays and effectiveFrom", () => {
  it("the file schema takes a whole number of days and a date, and refuses re-verifying an auto-checked item", () => {
    expect(templateItemSchema.parse({ ...base, reverifyDays: 90, effectiveFrom: "2027-01-01" })).toMatchObject({ reverifyDays: 90, effectiveFrom: "2027-01-01" });
    expect(templateItemSchema.safeParse({ ...base, reverifyDays: 0 }).success).toBe(false);
    expect(templateItemSchema.safeParse({ ...base, reverifyDays: 1.5 }).success).toBe(false);
    expect(templateItemSchema.safeParse({ ...base, effectiveFrom: "next year" }).success).toBe(false);
    const auto = templateItemSchema.safeParse({ ...base, autoCheck: "tls-valid", reverifyDays: 30 });
    expect(auto.error?.issues.map((i) => i.path.join("."))).toEqual(["reverifyDays"]);
  });

  it("the built-in guides set intervals on their recurring practices", () => {
    const baseline = loadTemplateDir().find((t) => t.key === "baseline")!;
    const days = Object.fromEntries(baseline.sections.flatMap((s) => s.items).filter((i) => i.reverifyDays).map((i) => [i.key, i.reverifyDays]));
    expect(days).toEqual({ "secret-rotation": 90, "access-audits": 180, "test-restores": 90, "keep-updated": 90, "rolling-updates": 180 });
  });

  it("merged items take the strictest interval, and start when the earliest guide's rule does (now if any has no date)", () => {
    const item = (over: Partial<PlanTemplateItem>): PlanTemplateItem => ({
      id: Math.random().toString(36), templateKey: "t", key: "k", practice: "k", sectionKey: "s", sectionTitle: "S", title: "T", guidance: "",
      severity: "high", required: true, autoCheck: null, autoCheckParam: null, requiredUpToTier: null, reverifyDays: null, effectiveFrom: null, archived: false, ...over,
    });
    const jan = new Date("2027-01-01T00:00:00Z");
    const mar = new Date("2027-03-01T00:00:00Z");
    expect(mergeFields([item({ reverifyDays: 180, effectiveFrom: mar }), item({ reverifyDays: 90, effectiveFrom: jan })])).toMatchObject({ reverifyDays: 90, effectiveFrom: jan });
    expect(mergeFields([item({ effectiveFrom: mar }), item({})])).toMatchObject({ reverifyDays: null, effectiveFrom: null });
  });
});
