import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { serviceReadiness } from "@/lib/readiness/service";
import { recoveryOverview } from "@/lib/recovery/store";

describe("demo recovery data", () => {
  it("shows every drill and backup state on first run, with ping URLs from the public URL", async () => {
    const now = new Date("2026-11-26T09:30:00Z");
    await seedDemo({ targetsUrl: "http://127.0.0.1:3001", now });
    const services = await db.service.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true } });
    const states: Record<string, { targets: Record<string, string>; monitors: Record<string, string> }> = {};
    for (const s of services) {
      const o = await recoveryOverview(s.id, { now, revealPingUrls: true });
      states[s.slug] = {
        targets: Object.fromEntries(o.targets.map((t) => [t.component, t.drill.status])),
        monitors: Object.fromEntries(o.monitors.map((m) => [m.component, m.backup.status])),
      };
      for (const m of o.monitors) expect(m.pingUrl).toMatch(/^http:\/\/localhost:3000\/api\/ping\/pfp_/);
    }
    expect(states).toEqual({
      cryptopulse: { targets: { API: "met", Database: "met", Redis: "missed", "Full system": "never" }, monitors: { Database: "ok", Redis: "failing" } },
      glasswork: { targets: { API: "met" }, monitors: { "RDS database": "ok" } },
      hyperterse: { targets: { API: "met", "Full system": "missed" }, monitors: { Database: "never" } },
      trailbase: { targets: { API: "never", "SQLite database": "overdue" }, monitors: { "SQLite database": "overdue" } },
    });

    // A few months of history, some of it failed or late.
    const crypto = services.find((s) => s.slug === "cryptopulse")!;
    const backups = await db.recoveryEvent.findMany({ where: { serviceId: crypto.id, kind: "backup", component: "Database" }, orderBy: { startedAt: "asc" } });
    expect(backups.length).toBeGreaterThan(90);
    expect(backups.some((b) => b.status === "failed")).toBe(true);
    expect(backups.some((b) => b.startedAt!.getUTCHours() >= 7)).toBe(true);
    expect(await db.recoveryEvent.count({ where: { kind: "restore_test", status: "failed" } })).toBeGreaterThan(0);

    // The recovery signals reach readiness: Glasswork's are clean, CryptoPulse's block.
    const kinds = async (slug: string) => (await serviceReadiness(services.find((s) => s.slug === slug)!.id, now)).blockers.map((b) => b.kind).filter((k) => k.startsWith("backup") || k.startsWith("drill"));
    expect(await kinds("glasswork")).toEqual([]);
    expect(await kinds("cryptopulse")).toEqual(["backup-overdue", "drill-missed", "drill-overdue"]);
  });
});
