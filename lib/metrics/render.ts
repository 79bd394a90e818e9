/**
 * The facts (query.ts) as Prometheus text: the service series written by text-format.ts, fresh for each
 * computation (a service or check that is gone leaves no stale series behind), the health gauges by
 * prom-client. Labels: team and service slugs, check
 * ids, and fixed values (level, range, percentile); threshold metrics and recovery components only as
 * labels.ts allows. A series without a value (no probe in the window, no backup yet) is left out.
 */
import { Gauge, Registry } from "prom-client";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import type { HealthFacts, MetricsFacts, RecoveryFacts } from "./query";
import { escapeLabelValue, GaugeFamily, labelSet } from "./text-format";

/** The values of preflight_service_level's `level` label. */
export const LEVELS = ["not-ready", "at-risk", "ready"] as const satisfies readonly ReadinessLevel[];

/**
 * The closing part of a label set for each fixed value of a label (`,range="24h"}`), written once: a
 * service's or check's own pairs (`{team="…",service="…"`) are written once for all its samples, so a
 * sample's labels are two strings joined.
 */
const closers = <V extends string>(name: string, values: readonly V[]) => Object.fromEntries(values.map((v) => [v, `,${name}="${escapeLabelValue(v)}"}`])) as Record<V, string>;
const PERCENTILES = ["p50", "p95", "p99"] as const;
const RANGES = ["24h", "30d"] as const;
const LEVEL = closers("level", LEVELS);
const PERCENTILE = closers("percentile", PERCENTILES);
const RANGE = closers("range", RANGES);
/** `{a="…",b="…"` without its closing brace. */
const opened = (labels: Record<string, string>) => labelSet(labels).slice(0, -1);

export function renderFacts(facts: MetricsFacts): string {
  const family = (name: string, help: string) => new GaugeFamily(name, help);

  const score = family("preflight_service_readiness_score", "Readiness score of the service, 0 to 100 (as GET /api/v1/services/{slug}/readiness)");
  const ready = family("preflight_service_ready", "1 when nothing blocks production (readiness `ready`), else 0");
  const blockers = family("preflight_service_blockers", "Blockers of the service's readiness");
  const level = family("preflight_service_level", "1 for the service's readiness level, 0 for the others");
  for (const s of facts.services) {
    const base = opened({ team: s.team, service: s.service });
    const labels = `${base}}`;
    score.add(labels, s.score);
    ready.add(labels, s.ready ? 1 : 0);
    blockers.add(labels, s.blockers);
    for (const l of LEVELS) level.add(base + LEVEL[l], s.level === l ? 1 : 0);
  }

  const up = family("preflight_check_up", "1 when the health check's status is up, else 0 (enabled checks)");
  const degraded = family("preflight_check_degraded", "1 when the health check's status is degraded, else 0");
  const latency = family("preflight_check_latency_seconds", "Probe latency percentiles over the last 5 minutes (minute rollups; within 5 % of the exact value)");
  const uptime = family("preflight_check_uptime_ratio", "Available probes / probes outside maintenance over the range (as the uptime API)");
  const tls = family("preflight_tls_cert_expiry_timestamp_seconds", "When the TLS certificate the check last saw expires (Unix time)");
  for (const c of facts.checks) {
    const base = opened({ team: c.team, service: c.service, check: c.check });
    const labels = `${base}}`;
    up.add(labels, c.status === "up" ? 1 : 0);
    degraded.add(labels, c.status === "degraded" ? 1 : 0);
    for (const percentile of PERCENTILES) {
      const value = c.latency[percentile];
      if (value !== null) latency.add(base + PERCENTILE[percentile], value);
    }
    for (const range of RANGES) {
      const value = c.uptime[range];
      if (value !== null) uptime.add(base + RANGE[range], value);
    }
    if (c.tlsExpiresAt !== null) tls.add(labels, c.tlsExpiresAt);
  }

  const breached = family("preflight_threshold_breached", "1 while the threshold is breached, else 0 (metric: its key, or the threshold id)");
  for (const t of facts.thresholds) breached.add(labelSet({ team: t.team, service: t.service, metric: t.metric }), t.breached ? 1 : 0);

  const timestamps = (name: string, help: string, rows: RecoveryFacts[]) => {
    const f = family(name, help);
    for (const r of rows) if (r.at !== null) f.add(labelSet({ team: r.team, service: r.service, component: r.component }), r.at);
    return f;
  };
  const backups = timestamps("preflight_backup_last_success_timestamp_seconds", "When the newest successful backup of the component finished (Unix time)", facts.backups);
  const drills = timestamps("preflight_drill_last_timestamp_seconds", "When the newest drill of the component finished, whatever its outcome (Unix time)", facts.drills);

  return [score, ready, blockers, level, up, degraded, latency, uptime, tls, breached, backups, drills].map((f) => f.text()).join("\n");
}

export async function renderHealth(health: HealthFacts): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  gauge("preflight_probes_per_second", "Probes recorded over the last minute, per second (all processes)").set(health.probesPerSecond);
  gauge("preflight_alert_outbox_pending", "Alert deliveries waiting to be sent (pending AlertDelivery rows)").set(health.alertOutbox);
  return registry.metrics();
}
