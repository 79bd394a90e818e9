/**
 * Seeds the demo installation once (recorded in AppSetting "demo.seededAt").
 * Deterministic: the same items are ticked on every machine.
 */
import { db } from "@/lib/db";
import { applyTemplates } from "@/lib/checklists/apply";
import { CRYPTOPULSE_THRESHOLDS } from "@/lib/thresholds/defaults";
import { DEMO_SERVICES, DEMO_TEAM, DEMO_USERS } from "./data";
import { seedRecoveryDemo } from "./recovery";
import { stableFraction } from "./stable";

const SEEDED_KEY = "demo.seededAt";

export async function isDemoSeeded(): Promise<boolean> {
  return (await db.appSetting.findUnique({ where: { key: SEEDED_KEY } })) !== null;
}

export async function seedDemo(opts: { baseUrl: string; now?: Date }): Promise<boolean> {
  if (await isDemoSeeded()) return false;
  const now = opts.now ?? new Date();
  const day = 24 * 3600 * 1000;

  await db.$transaction(
    async (tx) => {
      const team = await tx.team.upsert({
        where: { slug: DEMO_TEAM.slug },
        update: {},
        create: DEMO_TEAM,
      });
      const users = new Map<string, string>();
      for (const u of DEMO_USERS) {
        const user = await tx.user.upsert({
          where: { email: u.email },
          update: {},
          create: { email: u.email, name: u.name, emailVerified: now },
        });
        users.set(u.role, user.id);
        await tx.membership.upsert({
          where: { teamId_userId: { teamId: team.id, userId: user.id } },
          update: {},
          create: { teamId: team.id, userId: user.id, role: u.role },
        });
      }
      const editorId = users.get("editor")!;

      for (const s of DEMO_SERVICES) {
        if (await tx.service.findUnique({ where: { slug: s.slug } })) continue;
        const service = await tx.service.create({
          data: { teamId: team.id, slug: s.slug, name: s.name, description: s.description, tier: s.tier, tags: s.tags },
        });
        await applyTemplates(service.id, [s.template], tx);

        // Tick a deterministic share of the checklist, a few days apart, by the editor.
        const items = await tx.serviceChecklistItem.findMany({ where: { serviceId: service.id } });
        for (const item of items) {
          const f = stableFraction(`${s.slug}:${item.key}`);
          if (f < s.doneShare) {
            await tx.serviceChecklistItem.update({
              where: { id: item.id },
              data: {
                state: "done",
                version: 2,
                updatedById: editorId,
                updatedAt: new Date(now.getTime() - Math.floor(f * 20 * day)),
              },
            });
          }
        }

        await tx.healthCheck.create({
          data: {
            serviceId: service.id,
            name: `${s.name} health`,
            url: `${opts.baseUrl}/api/demo/${s.slug}${s.healthPath}`,
            intervalSeconds: 30,
          },
        });

        await tx.metricThreshold.createMany({
          data: CRYPTOPULSE_THRESHOLDS.filter((t) => s.thresholds.includes(t.metric)).map((t) => ({
            serviceId: service.id,
            ...t,
          })),
        });
        await tx.rtoTarget.createMany({
          data: s.rto.map((r, position) => ({
            serviceId: service.id,
            component: r.component,
            rtoSeconds: r.rtoSeconds,
            rpoSeconds: 24 * 3600,
            procedure: r.procedure,
            position,
          })),
        });

        await seedRecoveryDemo(tx, service.id, s, now, { id: editorId, email: DEMO_USERS.find((u) => u.role === "editor")!.email });
      }
      await tx.appSetting.create({ data: { key: SEEDED_KEY, value: now.toISOString() } });
    },
    { timeout: 60_000 },
  );
  return true;
}
