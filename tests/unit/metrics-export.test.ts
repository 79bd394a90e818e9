/** The pure parts of the Prometheus export: label values, the cache, the token check, the text it writes, its docs. */
import { readFileSync } from "node:fs";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { metricsAccess } from "@/lib/metrics/access";
import { cachedValue } from "@/lib/metrics/cache";
import { componentLabels, isLabelSafe, slugify, thresholdMetricLabel } from "@/lib/metrics/labels";
import type { MetricsFacts } from "@/lib/metrics/query";
import { renderFacts, renderHealth } from "@/lib/metrics/render";
import { escapeLabelValue, formatValue, GaugeFamily, labelSet } from "@/lib/metrics/text-format";
import { probeHealthRegistry } from "@/lib/metrics/probe-health";

describe("label values", () => {
  it("are slugs, ids and slug-like keys only", () => {
    for (const ok of ["payments-api", "cm4x9k2l0000008l4h2f3b7qz", "cpu_percent", "p95"]) expect([ok, isLabelSafe(ok)]).toEqual([ok, true]);
    for (const bad of ["", "Payments", "a b", 'x"y', "a\nb", "-lead", "ns:metric", "é", "x".repeat(65)]) expect([bad, isLabelSafe(bad)]).toEqual([bad, false]);
  });

  it("name a threshold by its key when slug-like, else by its id", () => {
    expect(thresholdMetricLabel("cpu_percent", "th1")).toBe("cpu_percent");
    expect(thresholdMetricLabel("http:requests_total", "th1")).toBe("th1");
    expect(thresholdMetricLabel("Latency_P95", "th1")).toBe("th1");
  });

  it("slug free-text components, and fall back to the row id when slugs are empty or collide", () => {
    expect(slugify("  Primary DB (EU) ")).toBe("primary-db-eu");
    expect(slugify("Café")).toBe("cafe");
    expect(slugify("!!!")).toBe("");
    const labels = componentLabels([
      { id: "a", component: "Postgres" },
      { id: "b", component: "DB" },
      { id: "c", component: "db" },
      { id: "d", component: "💾" },
    ]);
    expect(Object.fromEntries(labels)).toEqual({ a: "postgres", b: "b", c: "c", d: "d" });
  });
});

describe("cachedValue", () => {
  it("shares one computation between concurrent callers and keeps its result for the ttl", async () => {
    let now = 1_000;
    let runs = 0;
    let release!: () => void;
    const get = cachedValue(
      () => {
        runs++;
        return new Promise<number>((resolve) => (release = () => resolve(runs)));
      },
      5_000,
      () => now,
    );
    const concurrent = [get(), get(), get()];
    release();
    expect(await Promise.all(concurrent)).toEqual([1, 1, 1]);
    now += 4_999;
    expect(await get()).toBe(1);
    now += 1;
    const next = get();
    release();
    expect(await next).toBe(2);
    expect(runs).toBe(2);
  });

  it("past the ttl and within staleMs answers the last result at once and computes a newer one behind it", async () => {
    let now = 1_000;
    let runs = 0;
    let release!: () => void;
    const get = cachedValue(
      () => {
        runs++;
        return new Promise<number>((resolve) => (release = () => resolve(runs)));
      },
      5_000,
      () => now,
      60_000,
    );
    const first = get();
    release();
    expect(await first).toBe(1);
    now += 10_000; // stale: answered from the last result, a second computation starts behind it
    expect(await get()).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    expect(await get()).toBe(1); // the computation in flight is shared, not started again
    expect(runs).toBe(2);
    release();
    await Promise.resolve();
    expect(await get()).toBe(2); // fresh again once it lands
    now += 60_000; // too old to answer with: the caller waits
    let answered = false;
    const late = get().then((v) => ((answered = true), v));
    await Promise.resolve();
    expect(answered).toBe(false);
    release();
    expect(await late).toBe(3);
    get.reset();
    const afterReset = get();
    release();
    expect(await afterReset).toBe(4);
  });

  it("a failed computation behind a stale answer leaves the last result until it is too old", async () => {
    let now = 0;
    let fail = false;
    const get = cachedValue(async () => {
      if (fail) throw new Error("database down");
      return now;
    }, 5_000, () => now, 60_000);
    expect(await get()).toBe(0);
    fail = true;
    now = 10_000;
    expect(await get()).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    now = 61_000;
    await expect(get()).rejects.toThrow("database down");
  });

  it("does not keep a failure", async () => {
    let fail = true;
    const get = cachedValue(async () => {
      if (fail) throw new Error("database down");
      return "ok";
    }, 5_000);
    await expect(get()).rejects.toThrow("database down");
    fail = false;
    expect(await get()).toBe("ok");
  });
});

describe("metricsAccess", () => {
  it("is off without a token, then wants exactly `Bearer <token>`", () => {
    expect(metricsAccess(undefined, "Bearer anything")).toBe("off");
    const token = "metrics-token-0123456789";
    expect(metricsAccess(token, `Bearer ${token}`)).toBe("allowed");
    expect(metricsAccess(token, `bearer ${token}`)).toBe("allowed");
    for (const h of [null, "", token, `Bearer ${token}x`, `Basic ${token}`, "Bearer "]) expect([h, metricsAccess(token, h)]).toEqual([h, "denied"]);
  });
});

const facts: MetricsFacts = {
  services: [{ team: "platform", service: "api", score: 72, ready: false, blockers: 3, level: "at-risk" }],
  checks: [
    { team: "platform", service: "api", check: "chk1", status: "degraded", latency: { p50: 0.1, p95: 0.25, p99: null }, uptime: { "24h": 0.99, "30d": null }, tlsExpiresAt: Date.parse("2027-01-01T00:00:00Z") / 1000 },
  ],
  thresholds: [{ team: "platform", service: "api", metric: "cpu_percent", breached: true }],
  backups: [
    { team: "platform", service: "api", component: "postgres", at: Date.parse("2026-12-01T00:00:00Z") / 1000 },
    { team: "platform", service: "api", component: "redis", at: null },
  ],
  drills: [],
};

describe("renderFacts", () => {
  it("writes every series in the text format, leaving out values that do not exist", async () => {
    const families = parsePrometheusTextFormat(renderFacts(facts));
    const by = Object.fromEntries(families.map((f) => [f.name, f]));
    const values = (name: string) => by[name]!.metrics.map((m) => [m.labels ?? {}, Number(m.value)]);
    expect(values("preflight_service_readiness_score")).toEqual([[{ team: "platform", service: "api" }, 72]]);
    expect(values("preflight_service_ready")).toEqual([[{ team: "platform", service: "api" }, 0]]);
    expect(values("preflight_service_blockers")).toEqual([[{ team: "platform", service: "api" }, 3]]);
    expect(values("preflight_service_level").map(([l, v]) => [(l as { level: string }).level, v])).toEqual([["not-ready", 0], ["at-risk", 1], ["ready", 0]]);
    const check = { team: "platform", service: "api", check: "chk1" };
    expect(values("preflight_check_up")).toEqual([[check, 0]]);
    expect(values("preflight_check_degraded")).toEqual([[check, 1]]);
    expect(values("preflight_check_latency_seconds")).toEqual([[{ ...check, percentile: "p50" }, 0.1], [{ ...check, percentile: "p95" }, 0.25]]);
    expect(values("preflight_check_uptime_ratio")).toEqual([[{ ...check, range: "24h" }, 0.99]]);
    expect(values("preflight_tls_cert_expiry_timestamp_seconds")).toEqual([[check, Date.parse("2027-01-01T00:00:00Z") / 1000]]);
    expect(values("preflight_threshold_breached")).toEqual([[{ team: "platform", service: "api", metric: "cpu_percent" }, 1]]);
    expect(values("preflight_backup_last_success_timestamp_seconds")).toEqual([[{ team: "platform", service: "api", component: "postgres" }, Date.parse("2026-12-01T00:00:00Z") / 1000]]);
    expect(by.preflight_drill_last_timestamp_seconds!.metrics).toEqual([]);
    expect(families.every((f) => f.type === "GAUGE" && f.help.length > 0)).toBe(true);
  });

  it("writes the probe rate and the alert outbox without labels", async () => {
    const families = parsePrometheusTextFormat(await renderHealth({ probesPerSecond: 1.5, alertOutbox: 2 }));
    expect(families.map((f) => [f.name, f.metrics.map((m) => [m.labels ?? {}, Number(m.value)])])).toEqual([
      ["preflight_probes_per_second", [[{}, 1.5]]],
      ["preflight_alert_outbox_pending", [[{}, 2]]],
    ]);
  });
});

describe("the text format writer", () => {
  it("escapes label values and help as the format wants, and spells the infinities and NaN", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(labelSet({ team: "platform", service: 'x"y' })).toBe('{team="platform",service="x\\"y"}');
    expect(labelSet({})).toBe("");
    expect([formatValue(1.5), formatValue(Infinity), formatValue(-Infinity), formatValue(NaN), formatValue(1e21)]).toEqual(["1.5", "+Inf", "-Inf", "NaN", "1e+21"]);
    const f = new GaugeFamily("x_total", "help with \\ and\nnewline");
    f.add(labelSet({ a: 'q"' }), 2);
    f.add("", 3);
    const parsed = parsePrometheusTextFormat(f.text());
    expect(parsed).toEqual([{ name: "x_total", help: "help with \\ and\nnewline", type: "GAUGE", metrics: [{ labels: { a: 'q"' }, value: "2" }, { value: "3" }] }]);
  });
});

describe("the docs and the Grafana dashboard", () => {
  const root = path.join(import.meta.dirname, "../..");
  const exported = async () =>
    new Set([
      ...parsePrometheusTextFormat(renderFacts(facts)).map((f) => f.name),
      ...parsePrometheusTextFormat(await renderHealth({ probesPerSecond: 0, alertOutbox: 0 })).map((f) => f.name),
      ...(await probeHealthRegistry.getMetricsAsJSON()).map((m) => m.name),
    ]);

  it("docs/metrics.md names every series", async () => {
    const doc = readFileSync(path.join(root, "docs/metrics.md"), "utf8");
    for (const name of await exported()) expect([name, doc.includes(`\`${name}\``)]).toEqual([name, true]);
  });

  it("the dashboard's queries use only exported series, and most of them", async () => {
    const dashboard = JSON.parse(readFileSync(path.join(root, "docs/grafana/preflight.json"), "utf8")) as { panels: { targets?: { expr: string }[] }[] };
    const used = new Set(dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => [...t.expr.matchAll(/preflight_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")))));
    const names = await exported();
    expect([...used].filter((n) => !names.has(n))).toEqual([]);
    expect([...names].filter((n) => !used.has(n))).toEqual([]);
  });
});
