/**
 * GET /api/metrics over the demo data: it parses as Prometheus text, holds every series for each demo
 * service with the values the JSON API answers (readiness, checks, uptime, thresholds, recovery), is
 * refused without the token, and labels series only with slugs and ids.
 */
import { NextRequest } from "next/server";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { beforeAll, describe, expect, it } from "vitest";
import * as checksRoute from "@/app/api/v1/services/[slug]/checks/route";
import * as monitorsRoute from "@/app/api/v1/services/[slug]/backup-monitors/route";
import * as readinessRoute from "@/app/api/v1/services/[slug]/readiness/route";
import * as targetsRoute from "@/app/api/v1/services/[slug]/rto-targets/route";
import * as thresholdsRoute from "@/app/api/v1/services/[slug]/thresholds/route";
import * as uptimeRoute from "@/app/api/v1/services/[slug]/uptime/route";
import { GET as metricsGET } from "@/app/api/metrics/route";
import { db, sqlPool } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { forgetServiceMetrics, metricsText } from "@/lib/metrics/export";
import { LABEL_VALUE, slugify } from "@/lib/metrics/labels";
import { probeHealthRegistry } from "@/lib/metrics/probe-health";
import { LATENCY_WINDOW_MINUTES } from "@/lib/metrics/query";
import { runProbeRound } from "@/lib/probes/round";
import { PERCENTILE_RELATIVE_ERROR } from "@/lib/uptime/histogram";
import { makeMember, tokenFor } from "../helpers/actors";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
process.env.METRICS_TOKEN = METRICS_TOKEN;

const TLS_EXPIRY = new Date("2027-03-01T12:00:00Z");
let apiToken = "";
let slugs: string[] = [];

beforeAll(async () => {
  expect(await seedDemo({ targetsUrl: "http://127.0.0.1:3001" })).toBe(true);
  // The demo's targets are plain HTTP: give its checks the certificate expiry an HTTPS probe records.
  await db.healthCheck.updateMany({ data: { tlsExpiresAt: TLS_EXPIRY } });
  const team = await db.team.findUniqueOrThrow({ where: { slug: "platform" }, include: { services: { orderBy: { slug: "asc" } } } });
  slugs = team.services.map((s) => s.slug);
  apiToken = await tokenFor(team.id, (await makeMember(team.id, "viewer")).userId, "viewer");
}, 120_000);

type Handler = (req: NextRequest, segment: { params: Promise<{ slug: string }> }) => Promise<Response>;

async function api<T>(handler: Handler, slug: string, query = ""): Promise<T> {
  const req = new NextRequest(new URL(`/api/v1/services/${slug}/x${query}`, "http://localhost"), { headers: { authorization: `Bearer ${apiToken}` } });
  const res = await handler(req, { params: Promise.resolve({ slug }) });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function scrape(authorization?: string) {
  const req = new NextRequest(new URL("/api/metrics", "http://localhost"), { headers: authorization ? { authorization } : {} });
  return metricsGET(req, { params: Promise.resolve({}) });
}

type Labels = Record<string, string>;
type Sample = { labels: Labels; value: number };

function samplesOf(families: ParsedFamily[]): Map<string, Sample[]> {
  return new Map(families.map((f) => [f.name, f.metrics.map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) }))]));
}

/** The one sample of `name` whose labels include `labels`, or undefined. */
function sampleOf(all: Map<string, Sample[]>, name: string, labels: Labels): number | undefined {
  const found = (all.get(name) ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

interface Readiness {
  score: number;
  ready: boolean;
  level: string;
  blockers: unknown[];
}
interface Checks {
  checks: { id: string; status: string; enabled: boolean; tlsExpiresAt: string | null }[];
}
interface Uptime {
  uptimePercent: number | null;
}
interface Thresholds {
  thresholds: { id: string; metric: string; status: string }[];
}
interface Targets {
  targets: { component: string; lastDrill: { finishedAt: string } | null }[];
}
interface Monitors {
  monitors: { component: string; lastSuccessAt: string | null }[];
}

/** Exact nearest-rank percentile of the demo's raw latencies of a check since `from` (what the rollups summarise). */
async function exactPercentiles(checkId: string, from: Date) {
  const { rows } = await sqlPool().query<{ latencyMs: number }>(
    `SELECT "latencyMs" FROM "ProbeResult" WHERE "checkId" = $1 AND at >= $2 AND NOT "inMaintenance" AND "latencyMs" IS NOT NULL ORDER BY "latencyMs"`,
    [checkId, from],
  );
  const at = (p: number) => (rows.length ? rows[Math.max(1, Math.ceil((p / 100) * rows.length)) - 1]!.latencyMs / 1000 : undefined);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * One scrape and the JSON API's answers for the demo services, within one clock minute (the latency
 * window moves each minute, the 24-hour range each hour): read again, past the cache, when a minute
 * boundary fell between them.
 */
async function consistentRead() {
  for (;;) {
    const minute = Math.floor(Date.now() / 60_000);
    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    const text = await res.text();
    const apis = await Promise.all(
      slugs.map(async (slug) => {
        const [readiness, checks, thresholds, targets, monitors] = await Promise.all([
          api<Readiness>(readinessRoute.GET, slug),
          api<Checks>(checksRoute.GET, slug),
          api<Thresholds>(thresholdsRoute.GET, slug),
          api<Targets>(targetsRoute.GET, slug),
          api<Monitors>(monitorsRoute.GET, slug),
        ]);
        const uptime = await Promise.all(
          checks.checks.map(async (c) => ({
            id: c.id,
            "24h": (await api<Uptime>(uptimeRoute.GET, slug, `?range=24h&check=${c.id}`)).uptimePercent,
            "30d": (await api<Uptime>(uptimeRoute.GET, slug, `?range=30d&check=${c.id}`)).uptimePercent,
          })),
        );
        return { slug, readiness, checks, thresholds, targets, monitors, uptime };
      }),
    );
    if (Math.floor(Date.now() / 60_000) === minute) return { res, text, apis, latencyFrom: new Date((minute - LATENCY_WINDOW_MINUTES + 1) * 60_000) };
    forgetServiceMetrics();
  }
}

describe("GET /api/metrics", () => {
  it("is refused without the metrics token (401, the error shape), and an API token is not it", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Bearer ${apiToken}`, METRICS_TOKEN]) {
      const res = await scrape(authorization);
      expect([authorization, res.status]).toEqual([authorization, 401]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it("answers every series for the demo services with the API's values", async () => {
    // The readiness API evaluates thresholds before it answers; the export reads their stored states.
    for (const slug of slugs) await api<Readiness>(readinessRoute.GET, slug);
    const { res, text, apis, latencyFrom } = await consistentRead();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const all = samplesOf(parsePrometheusTextFormat(text));
    expect(slugs).toEqual(["cryptopulse", "glasswork", "hyperterse", "trailbase"]);

    for (const { slug, readiness, checks, thresholds, targets, monitors, uptime } of apis) {
      const service = { team: "platform", service: slug };
      expect([slug, sampleOf(all, "preflight_service_readiness_score", service)]).toEqual([slug, readiness.score]);
      expect([slug, sampleOf(all, "preflight_service_ready", service)]).toEqual([slug, readiness.ready ? 1 : 0]);
      expect([slug, sampleOf(all, "preflight_service_blockers", service)]).toEqual([slug, readiness.blockers.length]);
      for (const level of ["not-ready", "at-risk", "ready"]) {
        expect([slug, level, sampleOf(all, "preflight_service_level", { ...service, level })]).toEqual([slug, level, readiness.level === level ? 1 : 0]);
      }

      const enabled = checks.checks.filter((c) => c.enabled);
      expect(enabled.length).toBeGreaterThan(0);
      for (const c of enabled) {
        const check = { ...service, check: c.id };
        expect([c.id, sampleOf(all, "preflight_check_up", check), sampleOf(all, "preflight_check_degraded", check)]).toEqual([
          c.id,
          c.status === "up" ? 1 : 0,
          c.status === "degraded" ? 1 : 0,
        ]);
        expect(sampleOf(all, "preflight_tls_cert_expiry_timestamp_seconds", check)).toBe(Date.parse(c.tlsExpiresAt!) / 1000);
        const u = uptime.find((x) => x.id === c.id)!;
        for (const range of ["24h", "30d"] as const) {
          expect(u[range]).not.toBeNull();
          expect(sampleOf(all, "preflight_check_uptime_ratio", { ...check, range })! * 100).toBeCloseTo(u[range]!, 9);
        }
        const exact = await exactPercentiles(c.id, latencyFrom);
        for (const percentile of ["p50", "p95", "p99"] as const) {
          const value = sampleOf(all, "preflight_check_latency_seconds", { ...check, percentile });
          expect(exact[percentile]).toBeDefined();
          expect(Math.abs(value! - exact[percentile]!) / exact[percentile]!).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 1e-9);
        }
      }

      expect(thresholds.thresholds.length).toBeGreaterThan(0);
      for (const t of thresholds.thresholds) {
        expect([t.metric, sampleOf(all, "preflight_threshold_breached", { ...service, metric: t.metric })]).toEqual([t.metric, t.status === "breached" ? 1 : 0]);
      }
      expect(monitors.monitors.length).toBeGreaterThan(0);
      for (const m of monitors.monitors) {
        const value = sampleOf(all, "preflight_backup_last_success_timestamp_seconds", { ...service, component: slugify(m.component) });
        expect([m.component, value]).toEqual([m.component, m.lastSuccessAt ? Date.parse(m.lastSuccessAt) / 1000 : undefined]);
      }
      for (const t of targets.targets) {
        const value = sampleOf(all, "preflight_drill_last_timestamp_seconds", { ...service, component: slugify(t.component) });
        expect([t.component, value]).toEqual([t.component, t.lastDrill ? Date.parse(t.lastDrill.finishedAt) / 1000 : undefined]);
      }
    }
    // A second computation, past the cache, adds the newest rollups to the settled sums it kept: the same uptime.
    if (Math.floor(Date.now() / 3_600_000) === Math.floor(latencyFrom.getTime() / 3_600_000)) {
      const again = samplesOf(parsePrometheusTextFormat(await metricsText({ fresh: true })));
      expect(again.get("preflight_check_uptime_ratio")).toEqual(all.get("preflight_check_uptime_ratio"));
    }
    // Every kind of series holds a sample for some demo service (drills: cryptopulse and trailbase have RTO targets).
    const drilled = apis.flatMap((a) => a.targets.targets).filter((t) => t.lastDrill);
    expect(drilled.length).toBeGreaterThan(0);
    expect(apis.flatMap((a) => a.monitors.monitors).filter((m) => m.lastSuccessAt).length).toBeGreaterThan(0);
  });

  it("labels series only with slugs and ids, and never with user text", async () => {
    const families = parsePrometheusTextFormat(await (await scrape(`Bearer ${METRICS_TOKEN}`)).text());
    const ours = families.filter((f) => f.name.startsWith("preflight_"));
    expect(ours.length).toBeGreaterThanOrEqual(16);
    const names = new Set((await db.healthCheck.findMany({ select: { name: true } })).map((c) => c.name));
    for (const f of ours) {
      for (const m of f.metrics) {
        for (const [k, v] of Object.entries(m.labels ?? {})) {
          expect([f.name, k, LABEL_VALUE.test(v) || (k === "le" && /^[0-9.e+]+$|^\+Inf$/.test(v))]).toEqual([f.name, k, true]);
          expect(names.has(v)).toBe(false);
        }
      }
    }
    expect(Object.keys(ours.find((f) => f.name === "preflight_service_readiness_score")!.metrics[0]!.labels!).sort()).toEqual(["service", "team"]);
  });

  it("reports Preflight's own health: probe rounds and lag summed over the processes that publish, probe rate, outbox, process metrics", async () => {
    await runProbeRound({ limit: 0 });
    const local = await probeHealthRegistry.getMetricsAsJSON();
    const localRounds = Number(local.find((m) => m.name === "preflight_probe_rounds_total")!.values[0]!.value);
    expect(localRounds).toBeGreaterThanOrEqual(1);
    // Another process (the launcher's scheduler) published the same counts a moment ago.
    await sqlPool().query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ('metrics.probe-health.elsewhere.1', $1::jsonb, now())`, [JSON.stringify(local)]);
    // A publication older than a minute is a process that is gone: not counted.
    await sqlPool().query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ('metrics.probe-health.gone.2', $1::jsonb, now() - interval '5 minutes')`, [JSON.stringify(local)]);
    // Two queued deliveries: a disabled webhook channel and two test events for it (the trigger fans them out).
    const pool = sqlPool();
    await pool.query(
      `INSERT INTO "AlertChannel" (id, "teamId", type, name, "urlSealed", "urlHint", "signingSecretSealed", events, enabled, "updatedAt")
       SELECT 'metrics-channel', id, 'webhook', 'Metrics test', 'v1.fixture', 'https://relay.example.org/…', 'v1.fixture', ARRAY['check.down'], false, now() FROM "Team" WHERE slug = 'platform'`,
    );
    for (const i of [1, 2]) {
      await pool.query(
        `INSERT INTO "AlertEvent" ("teamId", type, "dedupeKey", "occurredAt", details, "channelId")
         SELECT "teamId", 'test', $1, now(), jsonb_build_object('channelId', id, 'requestedBy', 'owner@example.com'), id FROM "AlertChannel" WHERE id = 'metrics-channel'`,
        [`test:metrics:${i}`],
      );
    }
    const pending = await db.alertDelivery.count({ where: { status: "pending" } });
    expect(pending).toBe(2);
    // Thirty probes of a demo check just now (besides the demo's own of the last minute).
    const check = await db.healthCheck.findFirstOrThrow({ select: { id: true } });
    await pool.query(`INSERT INTO "ProbeResult" ("checkId", at, outcome, "latencyMs") SELECT $1, now(), 'up', 20 FROM generate_series(1, 30)`, [check.id]);
    const lastMinute = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ProbeResult" WHERE at > now() - interval '1 minute'`)).rows[0]!.n;

    const before = await lastMinute();
    const families = parsePrometheusTextFormat(await (await scrape(`Bearer ${METRICS_TOKEN}`)).text());
    const after = await lastMinute();
    const by = new Map(families.map((f) => [f.name, f]));
    const value = (name: string) => Number(by.get(name)!.metrics[0]!.value);
    expect(by.get("preflight_probe_rounds_total")!.type).toBe("COUNTER");
    expect(value("preflight_probe_rounds_total")).toBe(2 * localRounds);
    expect(by.get("preflight_probe_schedule_lag_seconds")!.type).toBe("HISTOGRAM");
    // No probe ran in this process's round (limit 0): the histogram is there, empty.
    expect(Number(by.get("preflight_probe_schedule_lag_seconds")!.metrics[0]!.count)).toBe(0);
    // Probes only leave the last minute while the scrape runs, so its count lies between the two.
    expect(before).toBeGreaterThanOrEqual(30);
    expect(value("preflight_probes_per_second") * 60).toBeGreaterThanOrEqual(after);
    expect(value("preflight_probes_per_second") * 60).toBeLessThanOrEqual(before);
    expect(value("preflight_alert_outbox_pending")).toBe(pending);
    expect(by.has("process_cpu_user_seconds_total")).toBe(true);
    expect(by.has("nodejs_eventloop_lag_seconds")).toBe(true);
  });
});
