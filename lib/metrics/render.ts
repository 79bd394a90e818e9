/**
 * The facts (query.ts) as Prometheus text, through prom-client: one fresh registry per computation, so a
 * service or check that is gone leaves no stale series behind. Labels: team and service slugs, check
 * ids, and fixed values (level, range, percentile); threshold metrics and recovery components only as
 * labels.ts allows. A series without a value (no probe in the window, no backup yet) is left out.
 */
import { Gauge, Registry } from "prom-client";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import type { HealthFacts, MetricsFacts, RecoveryFacts } from "./query";

/** The values of preflight_service_level's `level` label. */
export const LEVELS: readonly ReadinessLevel[] = ["not-ready", "at-risk", "ready"];

const epochSeconds = (d: Date) => d.getTime() / 1000;

const gaugesOf = (registry: Registry) =>
  <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge<L>({ name, help, labelNames, registers: [registry] });

export async function renderFacts(facts: MetricsFacts): Promise<string> {
  const registry = new Registry();
  const gauge = gaugesOf(registry);

  const score = gauge("preflight_service_readiness_score", "Readiness score of the service, 0 to 100 (as GET /api/v1/services/{slug}/readiness)", ["team", "service"]);
  const ready = gauge("preflight_service_ready", "1 when nothing blocks production (readiness `ready`), else 0", ["team", "service"]);
  const blockers = gauge("preflight_service_blockers", "Blockers of the service's readiness", ["team", "service"]);
  const level = gauge("preflight_service_level", "1 for the service's readiness level, 0 for the others", ["team", "service", "level"]);
  for (const s of facts.services) {
    const labels = { team: s.team, service: s.service };
    score.set(labels, s.score);
    ready.set(labels, s.ready ? 1 : 0);
    blockers.set(labels, s.blockers);
    for (const l of LEVELS) level.set({ ...labels, level: l }, s.level === l ? 1 : 0);
  }

  const up = gauge("preflight_check_up", "1 when the health check's status is up, else 0 (enabled checks)", ["team", "service", "check"]);
  const degraded = gauge("preflight_check_degraded", "1 when the health check's status is degraded, else 0", ["team", "service", "check"]);
  const latency = gauge(
    "preflight_check_latency_seconds",
    "Probe latency percentiles over the last 5 minutes (minute rollups; within 5 % of the exact value)",
    ["team", "service", "check", "percentile"],
  );
  const uptime = gauge("preflight_check_uptime_ratio", "Available probes / probes outside maintenance over the range (as the uptime API)", ["team", "service", "check", "range"]);
  const tls = gauge("preflight_tls_cert_expiry_timestamp_seconds", "When the TLS certificate the check last saw expires (Unix time)", ["team", "service", "check"]);
  for (const c of facts.checks) {
    const labels = { team: c.team, service: c.service, check: c.check };
    up.set(labels, c.status === "up" ? 1 : 0);
    degraded.set(labels, c.status === "degraded" ? 1 : 0);
    for (const percentile of ["p50", "p95", "p99"] as const) {
      const value = c.latency[percentile];
      if (value !== null) latency.set({ ...labels, percentile }, value);
    }
    for (const range of ["24h", "30d"] as const) {
      const value = c.uptime[range];
      if (value !== null) uptime.set({ ...labels, range }, value);
    }
    if (c.tlsExpiresAt) tls.set(labels, epochSeconds(c.tlsExpiresAt));
  }

  const breached = gauge("preflight_threshold_breached", "1 while the threshold is breached, else 0 (metric: its key, or the threshold id)", ["team", "service", "metric"]);
  for (const t of facts.thresholds) breached.set({ team: t.team, service: t.service, metric: t.metric }, t.breached ? 1 : 0);

  const timestamps = (name: string, help: string, rows: RecoveryFacts[]) => {
    const g = gauge(name, help, ["team", "service", "component"]);
    for (const r of rows) if (r.at) g.set({ team: r.team, service: r.service, component: r.component }, epochSeconds(r.at));
  };
  timestamps("preflight_backup_last_success_timestamp_seconds", "When the newest successful backup of the component finished (Unix time)", facts.backups);
  timestamps("preflight_drill_last_timestamp_seconds", "When the newest drill of the component finished, whatever its outcome (Unix time)", facts.drills);

  return registry.metrics();
}

export async function renderHealth(health: HealthFacts): Promise<string> {
  const registry = new Registry();
  const gauge = gaugesOf(registry);
  gauge("preflight_probes_per_second", "Probes recorded over the last minute, per second (all processes)", []).set(health.probesPerSecond);
  gauge("preflight_alert_outbox_pending", "Alert deliveries waiting to be sent (pending AlertDelivery rows)", []).set(health.alertOutbox);
  return registry.metrics();
}
