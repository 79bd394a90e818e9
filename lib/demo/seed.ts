/**
 * Seeds the demo installation once (recorded in AppSetting "demo.seededAt").
 * Deterministic: the same items are ticked on every machine.
 */
import { db, withUnboundedClient } from "@/lib/db";
import { env } from "@/lib/env";
import { applyTemplates } from "@/lib/checklists/apply";
import { refreshThresholds } from "@/lib/thresholds/store";
import { DEMO_SERVICES, DEMO_STATUS_PAGE_TITLE, DEMO_TEAM, DEMO_USERS } from "./data";
import { seedDemoProbeHistory } from "./probe-history";
import { demoMetricValue } from "./metrics-feed";
import { seedRecoveryDemo } from "./recovery";
import { stableFraction } from "./stable";
import { demoTargetUrl } from "./targets-server";

const SEEDED_KEY = "demo.seededAt";

export async function isDemoSeeded(): Promise<boolean> {
  return (await db.appSetting.findUnique({ where: { key: SEEDED_KEY } })) !== null;
}

/** `targetsUrl`: where the demo health endpoints answer (lib/demo/targets-server.ts, started by the launcher). */
export async function seedDemo(opts: { targetsUrl: string; now?: Date }): Promise<boolean> {
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
        // Each tick has its audit entry, as a person's tick would, so the readiness history can be rebuilt
        // from the log (`preflight history backfill`).
        const items = await tx.serviceChecklistItem.findMany({ where: { serviceId: service.id } });
        const ticks: { key: string; at: Date }[] = [];
        for (const item of items) {
          const f = stableFraction(`${s.slug}:${item.key}`);
          if (f < s.doneShare) {
            const at = new Date(now.getTime() - Math.floor(f * 20 * day));
            await tx.serviceChecklistItem.update({
              where: { id: item.id },
              data: { state: "done", version: 2, updatedById: editorId, updatedAt: at },
            });
            ticks.push({ key: item.key, at });
          }
        }
        const editorEmail = DEMO_USERS.find((u) => u.role === "editor")!.email;
        await tx.auditEvent.createMany({
          data: ticks.map((t) => ({
            at: t.at, teamId: team.id, serviceId: service.id, actorUserId: editorId, actorEmail: editorEmail, via: "ui" as const,
            action: "checklist.update", targetType: "checklist_item", targetId: `${s.slug}/${t.key}`,
            before: { state: "open", version: 1, note: null, naReason: null, evidenceUrl: null },
            after: { state: "done", version: 2, note: null, naReason: null, evidenceUrl: null },
          })),
        });

        await tx.healthCheck.create({
          data: {
            serviceId: service.id,
            name: `${s.name} health`,
            url: demoTargetUrl(opts.targetsUrl, s.slug, s.healthPath),
            intervalSeconds: 30,
            // The launcher serves the demo endpoints only in development: a production server (`npm start`)
            // seeds the checks paused, with their synthetic history, rather than probing nothing.
            enabled: env().NODE_ENV !== "production",
          },
        });

        await tx.metricThreshold.createMany({ data: s.thresholds.map((t) => ({ serviceId: service.id, ...t })) });
        // An hour of pushed samples, one a minute, so the thresholds page has history to show.
        await tx.metricSample.createMany({
          data: Object.entries(s.samples).flatMap(([metric, typical]) =>
            Array.from({ length: 60 }, (_, i) => {
              const at = new Date(now.getTime() - (59 - i) * 60_000);
              return { serviceId: service.id, metric, value: demoMetricValue(s.slug, metric, typical, Math.floor(at.getTime() / 60_000)), at, source: "push" as const };
            }),
          ),
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
        if (s.review) {
          const askedAt = new Date(now.getTime() - s.review.daysAgo * day);
          const decided = s.review.status !== "requested";
          await tx.review.create({
            data: {
              serviceId: service.id,
              requestedById: editorId,
              status: s.review.status,
              createdAt: askedAt,
              ...(decided ? { reviewerId: users.get("reviewer")!, decidedAt: new Date(askedAt.getTime() + day), comment: s.review.comment ?? null } : {}),
            },
          });
        }
      }
      // The demo team's public status page (/status/platform), published, listing the demo services.
      const listed = await tx.service.findMany({ where: { teamId: team.id, slug: { in: DEMO_SERVICES.map((s) => s.slug) } }, select: { id: true, slug: true } });
      const ids = DEMO_SERVICES.map((s) => listed.find((l) => l.slug === s.slug)?.id).filter((id): id is string => id !== undefined);
      await tx.statusPage.upsert({ where: { teamId: team.id }, update: {}, create: { teamId: team.id, published: true, title: DEMO_STATUS_PAGE_TITLE, serviceIds: ids } });
    },
    { timeout: 60_000 },
  );

  // About 30 days of probe history, then the "seeded" mark, in one transaction: if this fails, the
  // next start seeds again (existing services are skipped above; history only goes to checks without any).
  await withUnboundedClient(async (client) => {
    try {
      await client.query("BEGIN");
      await seedDemoProbeHistory(client, { now });
      await client.query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())`, [SEEDED_KEY, JSON.stringify(now.toISOString())]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    }
  });
  await refreshThresholds({}, now);
  return true;
}

/**
 * Points the demo checks at `targetsUrl`: installations seeded before the demo endpoints had a server of
 * their own probe `/api/demo/…` on the app, and DEMO_TARGETS_PORT may have changed since. Only checks still
 * aimed at a demo endpoint path are touched; a demo check someone pointed elsewhere stays as it is.
 * Returns how many were moved.
 */
export async function pointDemoChecksAt(targetsUrl: string): Promise<number> {
  let moved = 0;
  for (const s of DEMO_SERVICES) {
    const url = demoTargetUrl(targetsUrl, s.slug, s.healthPath);
    const { count } = await db.healthCheck.updateMany({
      where: { service: { slug: s.slug }, url: { endsWith: `/demo/${s.slug}${s.healthPath}`, not: url } },
      data: { url },
    });
    moved += count;
  }
  return moved;
}
