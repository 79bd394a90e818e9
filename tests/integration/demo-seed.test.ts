import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isDemoSeeded, seedDemo } from "@/lib/demo/seed";
import { serviceReadiness } from "@/lib/readiness/service";

describe("demo data", () => {
  it("seeds the four seed-guide services once, with their templates, health paths, thresholds and RTO targets", async () => {
    expect(await isDemoSeeded()).toBe(false);
    expect(await seedDemo({ targetsUrl: "http://127.0.0.1:3001" })).toBe(true);

    const team = await db.team.findUniqueOrThrow({
      where: { slug: "platform" },
      include: { memberships: { include: { user: true } } },
    });
    expect(Object.fromEntries(team.memberships.map((m) => [m.user.email, m.role]))).toEqual({
      "owner@example.com": "owner",
      "editor@example.com": "editor",
      "reviewer@example.com": "reviewer",
      "viewer@example.com": "viewer",
    });

    const services = await db.service.findMany({
      where: { teamId: team.id },
      include: { templates: { include: { template: true } }, healthChecks: true, thresholds: true, rtoTargets: true },
      orderBy: { slug: "asc" },
    });
    expect(services.map((s) => s.slug)).toEqual(["cryptopulse", "glasswork", "hyperterse", "trailbase"]);
    expect(new Set(services.map((s) => new URL(s.healthChecks[0]!.url).origin))).toEqual(new Set(["http://127.0.0.1:3001"]));
    const paths = Object.fromEntries(services.map((s) => [s.slug, new URL(s.healthChecks[0]!.url).pathname]));
    expect(paths).toEqual({
      hyperterse: "/demo/hyperterse/heartbeat",
      cryptopulse: "/demo/cryptopulse/health",
      trailbase: "/demo/trailbase/api/healthcheck",
      glasswork: "/demo/glasswork/internal/health",
    });
    for (const s of services) expect(s.templates.map((t) => t.template.key)).toEqual([s.slug]);

    const crypto = services.find((s) => s.slug === "cryptopulse")!;
    expect(crypto.thresholds.map((t) => `${t.metric} ${t.comparator} ${t.limit}`).sort()).toEqual([
      "cpu_percent gt 80",
      "disk_percent gt 85",
      "error_rate_percent gt 1",
      "latency_p95_ms gt 2000",
      "memory_percent gt 85",
      "postgres_connections_percent gt 80",
      "redis_memory_percent gt 90",
    ]);
    // Each guide's metrics; pushed ones come with an hour of history and are evaluated at once.
    expect(Object.fromEntries(services.map((s) => [s.slug, s.thresholds.map((t) => t.metric).sort()]))).toMatchObject({
      hyperterse: ["cpu_percent", "db_pool_percent", "error_rate_percent", "latency_p95_ms", "memory_percent"],
      trailbase: ["error_rate_percent", "latency_p95_ms"],
      glasswork: ["error_rate_percent", "latency_p95_ms"],
    });
    expect(crypto.thresholds.map((t) => ({ metric: t.metric, status: t.status })).sort((a, b) => a.metric.localeCompare(b.metric))).toEqual([
      { metric: "cpu_percent", status: "ok" },
      { metric: "disk_percent", status: "ok" },
      // derived from the demo's synthetic probe history, whose last minutes are healthy
      { metric: "error_rate_percent", status: "ok" },
      { metric: "latency_p95_ms", status: "ok" },
      { metric: "memory_percent", status: "ok" },
      { metric: "postgres_connections_percent", status: "ok" },
      { metric: "redis_memory_percent", status: "breached" },
    ]);
    expect(Object.fromEntries(crypto.rtoTargets.map((r) => [r.component, r.rtoSeconds]))).toEqual({
      API: 300,
      Database: 900,
      Redis: 120,
      "Full system": 1800,
    });

    // Some items ticked (not all), and a backup/restore log.
    const counts = await db.serviceChecklistItem.groupBy({ by: ["state"], _count: true });
    const byState = Object.fromEntries(counts.map((c) => [c.state, c._count]));
    expect(byState.done).toBeGreaterThan(10);
    expect(byState.open).toBeGreaterThan(10);
    expect(await db.recoveryEvent.count({ where: { serviceId: crypto.id, kind: "backup" } })).toBeGreaterThan(10);
    expect(await db.recoveryEvent.count({ where: { serviceId: crypto.id, kind: "restore_test" } })).toBeGreaterThan(0);

    // Every review state shows: one open (a reviewer can decide it), one with changes requested (a blocker), one approved.
    const reviews = await db.review.findMany({ include: { service: true, reviewer: true, requestedBy: true } });
    expect(Object.fromEntries(reviews.map((r) => [r.service.slug, [r.status, r.requestedBy?.email, r.reviewer?.email ?? null]]))).toEqual({
      cryptopulse: ["requested", "editor@example.com", null],
      trailbase: ["changes_requested", "editor@example.com", "reviewer@example.com"],
      glasswork: ["approved", "editor@example.com", "reviewer@example.com"],
    });
    const trailbase = services.find((s) => s.slug === "trailbase")!;
    expect((await serviceReadiness(trailbase.id)).blockers.map((b) => b.kind)).toContain("review-changes-requested");

    // A second run (a restart) changes nothing.
    const before = await db.serviceChecklistItem.count();
    expect(await seedDemo({ targetsUrl: "http://127.0.0.1:3001" })).toBe(false);
    expect(await db.serviceChecklistItem.count()).toBe(before);
    expect(await db.service.count()).toBe(4);
  });
});

describe("the demo's health endpoints", () => {
  it("answer from their own server, and checks seeded against the app's old /api/demo/ route are moved to it", async () => {
    const { pointDemoChecksAt } = await import("@/lib/demo/seed");
    const { startDemoTargets } = await import("@/lib/demo/targets-server");
    await seedDemo({ targetsUrl: "http://127.0.0.1:3001" });
    // An installation seeded before: the app's route; and one demo check someone pointed at their own host.
    await db.healthCheck.updateMany({ where: { service: { slug: "hyperterse" } }, data: { url: "http://localhost:3000/api/demo/hyperterse/heartbeat" } });
    await db.healthCheck.updateMany({ where: { service: { slug: "cryptopulse" } }, data: { url: "http://localhost:3000/api/demo/cryptopulse/health" } });
    await db.healthCheck.updateMany({ where: { service: { slug: "glasswork" } }, data: { url: "https://glasswork.example.com/internal/health" } });

    const targets = await startDemoTargets(0);
    try {
      // Hyperterse and CryptoPulse move; TrailBase already points at a demo path (another port) and moves too.
      expect(await pointDemoChecksAt(targets.url)).toBe(3);
      expect(await pointDemoChecksAt(targets.url)).toBe(0);
      const checks = await db.healthCheck.findMany({ include: { service: true } });
      const urls = Object.fromEntries(checks.map((c) => [c.service.slug, c.url]));
      expect(urls).toEqual({
        hyperterse: `${targets.url}/demo/hyperterse/heartbeat`,
        cryptopulse: `${targets.url}/demo/cryptopulse/health`,
        trailbase: `${targets.url}/demo/trailbase/api/healthcheck`,
        glasswork: "https://glasswork.example.com/internal/health",
      });
      const heartbeat = await fetch(urls.hyperterse!);
      expect(heartbeat.status).toBe(200);
      expect(await heartbeat.json()).toEqual({ status: "ok" });
      const health = await fetch(urls.cryptopulse!, { method: "HEAD" });
      expect(health.status).toBe(200);
      expect(health.headers.get("x-frame-options")).toBe("DENY");
      expect((await fetch(`${targets.url}/demo/nope/health`)).status).toBe(404);
      expect((await fetch(`${targets.url}/api/demo/hyperterse/heartbeat`)).status).toBe(404);
    } finally {
      await targets.close();
    }
  });
});

describe("the demo's pushed metrics in development", () => {
  it("get one sample a minute per metric, never two, with the same values the seed uses", async () => {
    const { feedDemoMetrics, demoMetricValue } = await import("@/lib/demo/metrics-feed");
    const { sqlPool } = await import("@/lib/db");
    const later = new Date(Date.now() + 5 * 60_000);
    const before = await db.metricSample.count({ where: { source: "push" } });
    const added = await feedDemoMetrics(sqlPool(), later);
    expect(added).toBe(3 + 5); // Hyperterse's and CryptoPulse's pushed metrics
    expect(await feedDemoMetrics(sqlPool(), later)).toBe(0);
    expect(await db.metricSample.count({ where: { source: "push" } })).toBe(before + added);
    const cpu = await db.metricSample.findFirstOrThrow({ where: { metric: "cpu_percent", service: { slug: "cryptopulse" } }, orderBy: { at: "desc" } });
    expect(cpu.value).toBe(demoMetricValue("cryptopulse", "cpu_percent", 52, Math.floor(later.getTime() / 60_000)));
  });
});
