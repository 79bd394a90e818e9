import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fetchMetricsPage, scrapeDueServices } from "@/lib/thresholds/scrape";
import { thresholdRound } from "@/lib/thresholds/round";
import { makeTeam } from "../helpers/actors";

/** A local exporter: each path serves one page. */
const pages: Record<string, { status?: number; body: string; delayMs?: number }> = {
  "/metrics": {
    body: `# HELP process_cpu_percent CPU use.
# TYPE process_cpu_percent gauge
process_cpu_percent 91.5
# TYPE node_filesystem_usage_ratio gauge
node_filesystem_usage_ratio{mount="/",device="sda1"} 0.62
node_filesystem_usage_ratio{mount="/data",device="sdb1"} 0.97
# TYPE http_request_duration_seconds summary
http_request_duration_seconds{quantile="0.5"} 0.3
http_request_duration_seconds{quantile="0.95"} 2.75
http_request_duration_seconds_sum 500
http_request_duration_seconds_count 1000
`,
  },
  "/broken": { status: 503, body: "down for maintenance" },
  "/html": { body: "<html><body>Hello {{ not metrics }}</body></html>" },
  "/huge": { body: `big_metric 1\n${"# padding padding padding padding\n".repeat(100_000)}` },
  "/slow": { body: "process_cpu_percent 1\n", delayMs: 3000 },
};

let server: Server;
let base = "";
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const page = pages[req.url ?? ""];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    setTimeout(() => res.writeHead(page.status ?? 200, { "content-type": "text/plain; version=0.0.4" }).end(page.body), page.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function scrapedService(path: string, thresholds: { metric: string; unit: string; limit: number; sustainedSeconds?: number; scrapeSeries?: string; comparator?: "gt" | "lt" }[]) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `scr-${team.slug}`, name: "Scraped", metricsUrl: `${base}${path}` } });
  await db.metricThreshold.createMany({
    data: thresholds.map((t) => ({
      serviceId: service.id,
      metric: t.metric,
      label: t.metric,
      unit: t.unit,
      comparator: t.comparator ?? "gt",
      limit: t.limit,
      sustainedSeconds: t.sustainedSeconds ?? 0,
      severity: "high" as const,
      source: "scrape" as const,
      scrapeSeries: t.scrapeSeries ?? null,
    })),
  });
  return service;
}

const states = async (serviceId: string) =>
  Object.fromEntries((await db.metricThreshold.findMany({ where: { serviceId } })).map((t) => [t.metric, [t.status, t.value]]));

describe("scraping a Prometheus text page", () => {
  it("a page served by a local server is scraped, mapped to thresholds (with units from series names) and evaluated", async () => {
    const service = await scrapedService("/metrics", [
      { metric: "process_cpu_percent", unit: "%", limit: 80 },
      { metric: "disk_percent", unit: "%", limit: 85, scrapeSeries: 'node_filesystem_usage_ratio{mount="/"}' },
      { metric: "disk_any_percent", unit: "%", limit: 85, scrapeSeries: "node_filesystem_usage_ratio" },
      { metric: "latency_p95_ms", unit: "ms", limit: 2000, scrapeSeries: 'http_request_duration_seconds{quantile="0.95"}' },
    ]);
    const now = new Date();
    const results = await scrapeDueServices(now, { batch: 10_000 });
    expect(results.find((r) => r.serviceId === service.id)).toEqual({ serviceId: service.id, ok: true, samples: 4, error: null });
    expect(await states(service.id)).toEqual({
      process_cpu_percent: ["breached", 91.5],
      disk_percent: ["ok", 62],
      // Several series match: the worst counts.
      disk_any_percent: ["breached", 97],
      // seconds → ms from the `_seconds` suffix
      latency_p95_ms: ["breached", 2750],
    });
    const samples = await db.metricSample.findMany({ where: { serviceId: service.id }, select: { source: true, known: true, at: true } });
    expect(samples).toHaveLength(4);
    expect(samples.every((s) => s.source === "scrape" && s.known && s.at.getTime() === now.getTime())).toBe(true);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).metricsScrapedAt).toEqual(now);

    // Not due again within the interval; due after it.
    const again = await scrapeDueServices(new Date(now.getTime() + 30_000), { batch: 10_000 });
    expect(again.map((r) => r.serviceId)).not.toContain(service.id);
    const later = await scrapeDueServices(new Date(now.getTime() + 61_000), { batch: 10_000 });
    expect(later.map((r) => r.serviceId)).toContain(service.id);
  });

  it("two rounds at once never scrape the same service twice", async () => {
    const service = await scrapedService("/metrics", [{ metric: "process_cpu_percent", unit: "%", limit: 80 }]);
    const before = hits.length;
    const now = new Date(Date.now() + 3600_000);
    const [a, b] = await Promise.all([scrapeDueServices(now, { batch: 10_000 }), scrapeDueServices(now, { batch: 10_000 })]);
    expect([...a, ...b].filter((r) => r.serviceId === service.id)).toHaveLength(1);
    expect(hits.length - before).toBe([...a, ...b].length);
  });

  it("failures are recorded on the service, not thrown: HTTP errors, pages that are not metrics, oversized pages, timeouts, missing series", async () => {
    const cases = [
      ["/broken", "answered HTTP 503"],
      ["/html", "the page is not in the Prometheus text format"],
      ["/huge", "the page is larger than 2048 KiB"],
    ] as const;
    for (const [path, message] of cases) {
      const service = await scrapedService(path, [{ metric: "process_cpu_percent", unit: "%", limit: 80 }]);
      const [r] = (await scrapeDueServices(new Date(), { batch: 10_000 })).filter((x) => x.serviceId === service.id);
      expect(r, path).toMatchObject({ ok: false, error: message });
      expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).metricsScrapeError, path).toBe(message);
      expect(await states(service.id), path).toEqual({ process_cpu_percent: ["no_data", null] });
    }
    await expect(fetchMetricsPage(`${base}/slow`, { timeoutMs: 200 })).rejects.toThrow("no complete answer within 200 ms");

    const partial = await scrapedService("/metrics", [
      { metric: "process_cpu_percent", unit: "%", limit: 80 },
      { metric: "queue_depth", unit: "jobs", limit: 5, scrapeSeries: "queue_depth_jobs" },
    ]);
    const [r] = (await scrapeDueServices(new Date(), { batch: 10_000 })).filter((x) => x.serviceId === partial.id);
    expect(r).toMatchObject({ ok: false, samples: 1, error: "no usable series on the page for queue_depth_jobs" });
    expect(await states(partial.id)).toEqual({ process_cpu_percent: ["breached", 91.5], queue_depth: ["no_data", null] });
  });

  it("only http(s) URLs are fetched, never link-local or cloud-metadata addresses; the fetcher is a parameter", async () => {
    await expect(fetchMetricsPage("file:///etc/passwd")).rejects.toThrow("the file: scheme is not scraped (use http or https)");
    await expect(fetchMetricsPage("http://169.254.169.254/latest/meta-data/")).rejects.toThrow(/^refused: address 169\.254\.169\.254 is link-local or a cloud metadata address/);
    await expect(fetchMetricsPage("http://[fe80::1]/metrics")).rejects.toThrow(/^refused: /);
    const service = await scrapedService("/never-fetched", [{ metric: "process_cpu_percent", unit: "%", limit: 80 }]);
    const asked: string[] = [];
    const results = await thresholdRound(new Date(Date.now() + 7200_000), {
      batch: 10_000,
      fetchText: async (url) => {
        asked.push(url);
        return "process_cpu_percent 12\n";
      },
    });
    expect(asked).toContain(`${base}/never-fetched`);
    expect(results.scraped).toBeGreaterThanOrEqual(1);
    expect((await states(service.id)).process_cpu_percent).toEqual(["ok", 12]);
  });
});
