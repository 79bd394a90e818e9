import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as postMetrics } from "@/app/api/v1/services/[slug]/metrics/route";
import { GET as getThresholds, POST as postThreshold } from "@/app/api/v1/services/[slug]/thresholds/route";
import { db } from "@/lib/db";
import { serviceReadiness } from "@/lib/readiness/service";
import { loadBoard, boardFilterSchema } from "@/lib/services/board";
import { createApiToken } from "@/lib/teams/api-tokens";
import { CRYPTOPULSE_THRESHOLDS } from "@/lib/thresholds/defaults";
import { lookbackSeconds, summarise, type Comparator, type Rule } from "@/lib/thresholds/evaluate";
import { pushMetrics } from "@/lib/thresholds/ingest";
import { addRecommendedThresholds, createThreshold, deleteThreshold, metricsSourceSchema, recommendedSelectionSchema, setMetricsSource, updateThreshold } from "@/lib/thresholds/manage";
import { loadThresholds, refreshThresholds, seriesSummaries, unknownMetrics } from "@/lib/thresholds/store";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };
const MIN = 60_000;

async function serviceWith(metrics: string[] = []) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: `Svc ${team.slug}` } });
  if (metrics.length) {
    await db.metricThreshold.createMany({ data: CRYPTOPULSE_THRESHOLDS.filter((t) => metrics.includes(t.metric)).map((t) => ({ ...t, serviceId: service.id })) });
  }
  const editor = await makeMember(team.id, "editor");
  return { team, service, editor };
}

/** `count` samples, one every `stepSeconds`, the last at `end`. */
function series(metric: string, end: Date, count: number, stepSeconds: number, value: number | ((i: number) => number)) {
  return Array.from({ length: count }, (_, i) => ({
    metric,
    value: typeof value === "number" ? value : value(i),
    at: new Date(end.getTime() - (count - 1 - i) * stepSeconds * 1000).toISOString(),
  }));
}

async function stateOf(serviceId: string, metric: string) {
  return db.metricThreshold.findFirstOrThrow({ where: { serviceId, metric }, select: { status: true, value: true, since: true, valueAt: true } });
}

describe("pushed samples", () => {
  it('CPU above 80 % for five minutes breaches "CPU > 80 % sustained"; a single spike does not', async () => {
    const { service, editor } = await serviceWith(["cpu_percent"]);
    const now = new Date();

    // A spike: 40 % for ten minutes, one sample at 97 %, then 45 %.
    const spike = [...series("cpu_percent", new Date(now.getTime() - 2 * MIN), 17, 30, 40), ...series("cpu_percent", new Date(now.getTime() - MIN), 1, 30, 97), ...series("cpu_percent", now, 1, 30, 45)];
    const first = await pushMetrics(editor, service.slug, { samples: spike }, now);
    expect(first.thresholds.map((t) => [t.metric, t.status, t.value])).toEqual([["cpu_percent", "ok", 45]]);
    expect(await stateOf(service.id, "cpu_percent")).toMatchObject({ status: "ok", value: 45, since: null });

    // Then five minutes above (after the 45 % sample), one sample every 30 s.
    const later = new Date(now.getTime() + 5.5 * MIN);
    const run = series("cpu_percent", later, 11, 30, (i) => 85 + i);
    const second = await pushMetrics(editor, service.slug, { samples: run }, later);
    expect(second.thresholds[0]).toMatchObject({ status: "breached", value: 95, since: new Date(run[0]!.at) });
    expect(await stateOf(service.id, "cpu_percent")).toMatchObject({ status: "breached", value: 95, since: new Date(run[0]!.at) });
  });

  it("more than 1,000 samples in one call: 422 and nothing written (through the route, with a token)", async () => {
    const { team, service, editor } = await serviceWith(["cpu_percent"]);
    const { secret } = await createApiToken(editor, team.id, { name: "agent", role: "editor" }, ctx);
    const call = (samples: unknown[]) =>
      postMetrics(
        new NextRequest(`http://localhost/api/v1/services/${service.slug}/metrics`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify({ samples }),
        }),
        { params: Promise.resolve({ slug: service.slug }) },
      );
    const tooMany = await call(series("cpu_percent", new Date(), 1001, 1, 50));
    expect(tooMany.status).toBe(422);
    const body = (await tooMany.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("unprocessable");
    expect(body.error.issues[0]!.path).toBe("samples");
    expect(await db.metricSample.count({ where: { serviceId: service.id } })).toBe(0);

    const exactly = await call(series("cpu_percent", new Date(), 1000, 1, 50));
    expect(exactly.status).toBe(201);
    expect(await db.metricSample.count({ where: { serviceId: service.id } })).toBe(1000);
  });

  it("one bad sample refuses the whole batch, naming it", async () => {
    const { service, editor } = await serviceWith(["cpu_percent"]);
    const now = new Date();
    const batch = {
      samples: [
        { metric: "cpu_percent", value: 50 },
        { metric: "cpu_percent", value: 50, at: new Date(now.getTime() + 3600_000).toISOString() },
        { metric: "cpu_percent", value: 50, unit: "ms" },
        { metric: "cpu_percent", value: 50, at: new Date(now.getTime() - 15 * 86_400_000).toISOString() },
      ],
    };
    await expect(pushMetrics(editor, service.slug, batch, now)).rejects.toMatchObject({
      code: "unprocessable",
      issues: [
        { path: "samples.1.at", message: "The sample time is more than 5 minutes in the future: check the sender's clock." },
        { path: "samples.2.unit", message: 'The unit "ms" cannot be converted to "%", the unit of cpu_percent.' },
        { path: "samples.3.at", message: "The sample time is more than 14 days ago: older samples are not kept." },
      ],
    });
    expect(await db.metricSample.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("unknown metric names are stored but flagged, and listed until a threshold reads them", async () => {
    const { service, editor } = await serviceWith(["cpu_percent"]);
    const now = new Date();
    const r = await pushMetrics(editor, service.slug, { samples: [{ metric: "cpu_percent", value: 10 }, { metric: "queue_depth", value: 7 }, { metric: "queue_depth", value: 9 }] }, now);
    expect(r.accepted).toBe(3);
    expect(r.unknownMetrics).toEqual(["queue_depth"]);
    const rows = await db.metricSample.findMany({ where: { serviceId: service.id }, orderBy: { id: "asc" }, select: { metric: true, known: true, source: true } });
    expect(rows).toEqual([
      { metric: "cpu_percent", known: true, source: "push" },
      { metric: "queue_depth", known: false, source: "push" },
      { metric: "queue_depth", known: false, source: "push" },
    ]);
    expect((await unknownMetrics(service.id, now)).map((m) => [m.metric, m.samples])).toEqual([["queue_depth", 2]]);

    // A threshold for it adopts the samples already received.
    await createThreshold(editor, service.slug, { metric: "queue_depth", unit: "", comparator: "gt", limit: 8, sustainedSeconds: 0, severity: "medium", action: "", source: "push" }, ctx);
    expect(await unknownMetrics(service.id, now)).toEqual([]);
    expect(await stateOf(service.id, "queue_depth")).toMatchObject({ status: "breached", value: 9 });
  });

  it("converts units: a ratio pushed to a % threshold, seconds to a ms threshold", async () => {
    const { service, editor } = await serviceWith(["memory_percent"]);
    await createThreshold(editor, service.slug, { metric: "checkout_p95_ms", unit: "ms", comparator: "gt", limit: 2000, sustainedSeconds: 0, severity: "high", action: "", source: "push" }, ctx);
    const now = new Date();
    const r = await pushMetrics(editor, service.slug, { samples: [{ metric: "memory_percent", value: 0.9, unit: "ratio" }, { metric: "checkout_p95_ms", value: 2.5, unit: "s" }] }, now);
    expect(Object.fromEntries(r.thresholds.map((t) => [t.metric, [t.status, t.value]]))).toEqual({ memory_percent: ["breached", 90], checkout_p95_ms: ["breached", 2500] });

    // Re-expressing the threshold in seconds needs no rewrite of the samples.
    const id = (await db.metricThreshold.findFirstOrThrow({ where: { serviceId: service.id, metric: "checkout_p95_ms" } })).id;
    const updated = await updateThreshold(editor, service.slug, id, { unit: "s", limit: 3 }, ctx);
    expect([updated.status, updated.value, updated.limit]).toEqual(["ok", 2.5, 3]);
  });
});

describe("probe-derived metrics", () => {
  async function probeRows(serviceId: string, rows: { secondsAgo: number; latencyMs: number | null; outcome: "up" | "down" | "degraded" }[], now: Date) {
    const check = await db.healthCheck.create({ data: { serviceId, name: `health-${randomBytes(2).toString("hex")}`, url: "http://127.0.0.1:9/health" } });
    await db.probeResult.createMany({
      data: rows.map((r) => ({ checkId: check.id, at: new Date(now.getTime() - r.secondsAgo * 1000), outcome: r.outcome, latencyMs: r.latencyMs, httpStatus: r.outcome === "down" ? null : 200, errorClass: r.outcome === "down" ? "timeout" : null })),
    });
    return check;
  }

  it("p95 latency from a slow server breaches the 2 s threshold (ProbeResult rows as the engine writes them)", async () => {
    const { service } = await serviceWith(["latency_p95_ms", "error_rate_percent"]);
    const now = new Date();
    // A server answering in ~2.5 s, probed every 30 s for five minutes, with one fast answer.
    await probeRows(service.id, Array.from({ length: 10 }, (_, i) => ({ secondsAgo: 270 - i * 30, latencyMs: i === 4 ? 120 : 2400 + i * 20, outcome: "up" as const })), now);
    const states = await refreshThresholds({ serviceIds: [service.id] }, now);
    const p95 = states.find((t) => t.metric === "latency_p95_ms")!;
    expect(p95.status).toBe("breached");
    expect(p95.value!).toBeGreaterThan(2000);
    expect(p95.since).toEqual(new Date(now.getTime() - 270_000));
    expect(states.find((t) => t.metric === "error_rate_percent")).toMatchObject({ status: "ok", value: 0 });

    // A breached critical threshold blocks readiness.
    const readiness = await serviceReadiness(service.id);
    expect(readiness.blockers.filter((b) => b.kind === "threshold-breached").map((b) => b.message)).toEqual([
      expect.stringMatching(/^Critical threshold breached: API response time \(p95\) \(at \d{1,3}(,\d{3})*(\.\d+)? ms, limit 2,000 ms\)$/),
    ]);
    expect(readiness.level).toBe("not-ready");
  });

  it("error rate = down / all × 100 over the window; disabled checks and old probes do not count", async () => {
    const { service } = await serviceWith(["error_rate_percent"]);
    const now = new Date();
    await probeRows(service.id, [...Array.from({ length: 9 }, (_, i) => ({ secondsAgo: 30 * i + 5, latencyMs: 80, outcome: "up" as const })), { secondsAgo: 100, latencyMs: null, outcome: "down" }, { secondsAgo: 900, latencyMs: null, outcome: "down" }], now);
    const disabled = await probeRows(service.id, [{ secondsAgo: 10, latencyMs: null, outcome: "down" }], now);
    await db.healthCheck.update({ where: { id: disabled.id }, data: { enabled: false } });
    const [t] = await refreshThresholds({ serviceIds: [service.id] }, now);
    expect(t).toMatchObject({ metric: "error_rate_percent", status: "breached", value: 10, since: new Date(now.getTime() - 100_000) });
  });

  it("no probe results in the window → no-data", async () => {
    const { service } = await serviceWith(["latency_p95_ms"]);
    const now = new Date();
    await probeRows(service.id, [{ secondsAgo: 3600, latencyMs: 5000, outcome: "up" }], now);
    const [t] = await refreshThresholds({ serviceIds: [service.id] }, now);
    expect(t).toMatchObject({ status: "no-data", value: null, since: null });
  });
});

describe("evaluation in SQL agrees with the pure model", () => {
  it("on random series, for every comparator and several sustain windows", async () => {
    const { service } = await serviceWith();
    const now = new Date("2026-11-26T12:00:00Z");
    const comparators: Comparator[] = ["gt", "gte", "lt", "lte"];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const cases: { metric: string; rule: Rule; samples: { at: Date; value: number }[] }[] = [];
    for (let i = 0; i < 60; i++) {
      const rule: Rule = { comparator: comparators[i % 4]!, limit: 50, sustainedSeconds: [0, 60, 300, 900][i % 4]! };
      const samples: { at: Date; value: number }[] = [];
      let t = now.getTime() - (lookbackSeconds(rule) + 600) * 1000;
      while (t <= now.getTime()) {
        // Mostly on one side of the limit, in stretches, with occasional long gaps and duplicate instants.
        const value = Math.round(rand() < 0.7 ? (i % 3 === 0 ? 60 : 40) + rand() * 10 : rand() * 100);
        samples.push({ at: new Date(t), value: value === 50 && rand() < 0.5 ? 50 : value });
        if (rand() < 0.05) samples.push({ at: new Date(t), value: Math.round(rand() * 100) });
        t += (rand() < 0.05 ? 700 + rand() * 600 : 10 + rand() * 90) * 1000;
        t = Math.floor(t);
      }
      cases.push({ metric: `m_${i}`, rule, samples });
    }
    await db.metricThreshold.createMany({
      data: cases.map((c) => ({ serviceId: service.id, metric: c.metric, label: c.metric, unit: "", comparator: c.rule.comparator, limit: c.rule.limit, sustainedSeconds: c.rule.sustainedSeconds, severity: "low", source: "push" })),
    });
    await db.metricSample.createMany({ data: cases.flatMap((c) => c.samples.map((s) => ({ serviceId: service.id, metric: c.metric, value: s.value, at: s.at, source: "push" as const }))) });
    const rows = await loadThresholds({ serviceIds: [service.id] });
    const fromSql = await seriesSummaries(rows, now);
    let breachedRuns = 0;
    for (const c of cases) {
      const id = rows.find((r) => r.metric === c.metric)!.id;
      const expected = summarise(c.samples, c.rule, now);
      expect(fromSql.get(id) ?? { latestAt: null, latestValue: null, runStart: null }, c.metric).toEqual(expected);
      if (expected.runStart) breachedRuns += 1;
    }
    expect(breachedRuns).toBeGreaterThan(5);
  });
});

describe("stored states", () => {
  it("a breach keeps its start across evaluations, even once the start is older than the lookback window", async () => {
    const { service, editor } = await serviceWith(["memory_percent"]);
    const start = new Date(Date.now() - 3 * 3600_000);
    let since: Date | null = null;
    for (let step = 0; step <= 36; step++) {
      const at = new Date(start.getTime() + step * 5 * MIN);
      const r = await pushMetrics(editor, service.slug, { samples: [{ metric: "memory_percent", value: 90, at: at.toISOString() }] }, at);
      since = r.thresholds[0]!.since;
    }
    expect(since).toEqual(start);
  });

  it("the board counts breached thresholds from stored states, without reading samples", async () => {
    const { team, service, editor } = await serviceWith(["memory_percent", "disk_percent", "cpu_percent"]);
    await pushMetrics(editor, service.slug, { samples: [{ metric: "memory_percent", value: 95 }, { metric: "disk_percent", value: 20 }] });
    const board = await loadBoard(editor, boardFilterSchema.parse({ team: team.slug }));
    expect(board.teams[0]!.services[0]!.thresholds).toEqual({ total: 3, breached: 1, pending: 0, noData: 1 });
  });

  it("stale stored states read as no-data on the board", async () => {
    const { team, service, editor } = await serviceWith(["memory_percent"]);
    const old = new Date(Date.now() - 3600_000);
    await pushMetrics(editor, service.slug, { samples: [{ metric: "memory_percent", value: 95, at: old.toISOString() }] }, old);
    expect((await stateOf(service.id, "memory_percent")).status).toBe("breached");
    const board = await loadBoard(editor, boardFilterSchema.parse({ team: team.slug }));
    expect(board.teams[0]!.services[0]!.thresholds).toEqual({ total: 1, breached: 0, pending: 0, noData: 1 });
  });
});

describe("managing thresholds", () => {
  it("editors add, change and delete thresholds, each audited; the recommended set adds what is missing", async () => {
    const { service, editor } = await serviceWith(["cpu_percent"]);
    const t = await createThreshold(editor, service.slug, { metric: "queue_depth", label: "Queue depth", unit: "jobs", comparator: "gte", limit: 100, sustainedSeconds: 120, severity: "high", action: "Add workers", source: "push" }, ctx);
    expect(t).toMatchObject({ status: "no-data", label: "Queue depth" });
    await updateThreshold(editor, service.slug, t.id, { limit: 200 }, ctx);
    await deleteThreshold(editor, service.slug, t.id, ctx);
    const { added } = await addRecommendedThresholds(editor, service.slug, ctx);
    expect(added).toEqual(CRYPTOPULSE_THRESHOLDS.map((d) => d.metric).filter((m) => m !== "cpu_percent"));
    expect((await addRecommendedThresholds(editor, service.slug, ctx)).added).toEqual([]);
    const audit = await db.auditEvent.findMany({ where: { serviceId: service.id }, orderBy: { id: "asc" }, select: { action: true, targetId: true, actorEmail: true } });
    expect(audit.map((a) => `${a.action} ${a.targetId}`)).toEqual([
      `threshold.create ${service.slug}/queue_depth`,
      `threshold.update ${service.slug}/queue_depth`,
      `threshold.delete ${service.slug}/queue_depth`,
      `threshold.create ${service.slug}`,
    ]);
    expect(new Set(audit.map((a) => a.actorEmail))).toEqual(new Set([editor.email]));
  });

  it("sets and clears the Prometheus page to scrape; a metadata address is refused when saved", async () => {
    const { service, editor } = await serviceWith([]);
    await expect(setMetricsSource(editor, service.slug, metricsSourceSchema.parse({ url: "http://169.254.169.254/metrics" }), ctx)).rejects.toMatchObject({
      code: "unprocessable",
      issues: [{ path: "url", message: expect.stringMatching(/^This URL cannot be probed: /) }],
    });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).metricsUrl).toBeNull();
    expect((await setMetricsSource(editor, service.slug, metricsSourceSchema.parse({ url: "http://10.0.0.7:9100/metrics" }), ctx)).url).toBe("http://10.0.0.7:9100/metrics");
    expect((await setMetricsSource(editor, service.slug, metricsSourceSchema.parse({ url: "" }), ctx)).url).toBeNull();
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "service.metrics_source" } })).toBe(2);
  });

  it("adds only the chosen recommended thresholds; the choice must name at least one of them", async () => {
    const { service, editor } = await serviceWith([]);
    const { added } = await addRecommendedThresholds(editor, service.slug, ctx, ["latency_p95_ms", "error_rate_percent"]);
    expect(added.sort()).toEqual(["error_rate_percent", "latency_p95_ms"]);
    expect((await db.metricThreshold.findMany({ where: { serviceId: service.id } })).map((t) => t.metric).sort()).toEqual(["error_rate_percent", "latency_p95_ms"]);
    expect(recommendedSelectionSchema.safeParse({ metrics: [] }).error?.issues[0]?.message).toBe("Choose at least one threshold to add.");
    expect(recommendedSelectionSchema.safeParse({ metrics: ["kafka_lag"] }).error?.issues[0]).toMatchObject({ path: ["metrics", 0], message: "That is not one of the recommended thresholds." });
  });

  it("refuses rules that cannot work: probe source for other metrics, wrong probe unit, bad series selector, duplicates", async () => {
    const { service, editor } = await serviceWith(["cpu_percent"]);
    const base = { unit: "%", comparator: "gt" as const, limit: 1, sustainedSeconds: 0, severity: "low" as const, action: "" };
    await expect(createThreshold(editor, service.slug, { ...base, metric: "cpu_percent_2", source: "probe" }, ctx)).rejects.toMatchObject({ code: "unprocessable", issues: [{ path: "source" }] });
    await expect(createThreshold(editor, service.slug, { ...base, metric: "latency_p95_ms", source: "probe" }, ctx)).rejects.toMatchObject({ code: "unprocessable", issues: [{ path: "unit" }] });
    await expect(createThreshold(editor, service.slug, { ...base, metric: "disk", source: "scrape", scrapeSeries: "disk use{" }, ctx)).rejects.toMatchObject({ code: "unprocessable", issues: [{ path: "scrapeSeries" }] });
    await expect(createThreshold(editor, service.slug, { ...base, metric: "cpu_percent", source: "push" }, ctx)).rejects.toMatchObject({
      code: "conflict",
      issues: [{ path: "metric", message: "This service already has a threshold for cpu_percent." }],
    });
    expect(await db.metricThreshold.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("viewers and reviewers read but may not change thresholds or push; other teams see nothing", async () => {
    const { team, service } = await serviceWith(["cpu_percent"]);
    const viewer = await makeMember(team.id, "viewer");
    const reviewer = await makeMember(team.id, "reviewer");
    const stranger = await makeMember((await makeTeam()).id, "owner");
    const input = { metric: "x_total", unit: "", comparator: "gt" as const, limit: 1, sustainedSeconds: 0, severity: "low" as const, action: "", source: "push" as const };
    for (const who of [viewer, reviewer]) {
      await expect(createThreshold(who, service.slug, input, ctx)).rejects.toMatchObject({ code: "forbidden" });
      await expect(pushMetrics(who, service.slug, { samples: [{ metric: "cpu_percent", value: 1 }] })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(pushMetrics(stranger, service.slug, { samples: [{ metric: "cpu_percent", value: 1 }] })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.metricSample.count({ where: { serviceId: service.id } })).toBe(0);

    // Over HTTP with a session-less token: a viewer token may GET, not POST.
    const viewerToken = (await createApiToken(viewer, team.id, { name: "read", role: "viewer" }, ctx)).secret;
    const req = (method: string, body?: unknown) =>
      new NextRequest(`http://localhost/api/v1/services/${service.slug}/thresholds`, {
        method,
        headers: { authorization: `Bearer ${viewerToken}`, "content-type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });
    const params = { params: Promise.resolve({ slug: service.slug }) };
    const list = await getThresholds(req("GET"), params);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { thresholds: { metric: string; status: string }[] }).thresholds).toEqual([expect.objectContaining({ metric: "cpu_percent", status: "no-data", value: null, since: null, condition: "> 80 % for 5 min" })]);
    expect((await postThreshold(req("POST", input), params)).status).toBe(403);
  });
});
