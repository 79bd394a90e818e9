import { describe, expect, it } from "vitest";
import { formatTime } from "@/lib/uptime/present";
import { rangeWindow } from "@/lib/uptime/ranges";
import { appSql, baseUrl, demoSeededAt, insertToken, signedInBrowser } from "../helpers/app";

const viewer = signedInBrowser("viewer@example.com");

describe("uptime page of a seeded service (Chromium)", () => {
  it("shows a latency chart with data, the availability strip and its table alternative", async () => {
    const page = await viewer().newPage();
    const before = Date.now();
    await page.goto(`${baseUrl()}/services/cryptopulse/uptime`);
    await page.getByRole("heading", { name: "CryptoPulse uptime" }).waitFor();
    expect(await page.getByRole("link", { name: "Uptime", exact: true }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByRole("link", { name: "Last 24 hours" }).getAttribute("aria-current")).toBe("page");

    // recharts drew the three percentile lines with real paths (not an empty chart)
    const curves = page.locator('[data-testid="latency-chart"] path.recharts-line-curve');
    await curves.first().waitFor({ state: "attached" });
    expect(await curves.count()).toBe(3);
    for (const d of await curves.evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""))) expect(d.length).toBeGreaterThan(100);
    const summary = page.getByRole("region", { name: "Summary" });
    expect(await summary.textContent()).toMatch(/Uptime \(24 hours\)\d+(\.\d+)? %/);

    // one strip bar per hour, each with its availability as a tooltip
    const strip = page.getByRole("img", { name: /Availability per hour: \d+ of 24 with all probes up/ });
    await strip.waitFor();
    expect(await strip.locator("title").count()).toBe(24);

    // the table alternative: a row per quarter hour (23 whole hours and the one in progress), with numbers
    await page.getByText("Show data as table").click();
    const table = page.getByRole("table", { name: /Probes, availability and latency per point/ });
    await table.waitFor();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(93);
    expect(await rows.count()).toBeLessThanOrEqual(96);
    const cells = await rows.evaluateAll((els) => els.map((e) => [...e.children].map((c) => c.textContent ?? "")));
    const after = Date.now();
    // The server drew the range at some moment between `before` and `after`: the window of one of them.
    const window = [rangeWindow("24h", before), rangeWindow("24h", after)].find((w) => (w.end - w.from) / w.stepMs === cells.length && formatTime(w.from, w.stepMs) === cells[0]![0]);
    expect(window, `a 24h window starting at ${cells[0]![0]} with ${cells.length} points`).toBeDefined();
    // Every quarter hour before the seeding holds its 15 probes with figures; every one after it is empty.
    const seededAt = await demoSeededAt();
    let full = 0;
    cells.forEach(([time, probes, , , , maintenance, available, ...latencies], i) => {
      const t = window!.from + i * window!.stepMs;
      expect(time).toBe(formatTime(t, window!.stepMs));
      if (t + window!.stepMs <= seededAt) {
        expect([time, probes, maintenance]).toEqual([time, "15", "0"]);
        expect(available).toMatch(/^\d+(\.\d\d)? %$/);
        for (const ms of latencies) expect(ms).toMatch(/^[\d.]+ m?s$/);
        full++;
      } else if (t >= seededAt) {
        expect([time, probes, available]).toEqual([time, "0", "no data"]);
      } else {
        expect(Number(probes)).toBeLessThanOrEqual(15);
      }
    });
    expect(full).toBeGreaterThan(0);

    // incidents list: the demo's outages of the last 24 h
    await page.getByRole("heading", { name: "Incidents" }).waitFor();
    await page.close();
  });

  it("the range picker keeps the range in the URL; 30 days shows daily points and the outage", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse/uptime`);
    await page.getByRole("link", { name: "Last 7 days" }).click();
    await page.waitForURL(/\/services\/cryptopulse\/uptime\?range=7d$/);
    await page.getByRole("img", { name: /Availability per hour: \d+ of 168/ }).waitFor();
    expect(await page.getByRole("link", { name: "Last 7 days" }).getAttribute("aria-current")).toBe("page");

    await page.getByRole("link", { name: "Last 30 days" }).click();
    await page.waitForURL(/range=30d$/);
    await page.getByRole("img", { name: /Availability per day: \d+ of 30/ }).waitFor();
    expect(await page.locator("table tbody tr").filter({ hasText: "HTTP 503 Service Unavailable" }).count()).toBe(1);
    await page.getByText("Show data as table").click();
    expect(await page.getByRole("table", { name: /per point/ }).locator("tbody tr").count()).toBe(30);
    // a reload keeps the range
    await page.reload();
    expect(await page.getByRole("link", { name: "Last 30 days" }).getAttribute("aria-current")).toBe("page");
    await page.close();
  });

  it("a service without probes shows a real empty state; an unknown range falls back to 24 hours", async () => {
    await appSql(
      `INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") SELECT 'svc_uptime_empty', id, 'uptime-empty', 'Uptime Empty', now() FROM "Team" WHERE slug = 'platform'`,
    );
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/uptime-empty/uptime?range=1y`);
    await page.getByRole("heading", { name: "No probe data in this range yet" }).waitFor();
    await page.getByText("This service has no health check").waitFor();
    expect(await page.getByRole("link", { name: "Last 24 hours" }).getAttribute("aria-current")).toBe("page");
    expect(await page.locator('[data-testid="latency-chart"]').count()).toBe(0);
    await page.close();
  });

  it("the service page lists the latest incidents, with a link to the uptime page", async () => {
    const [top] = await appSql<{ slug: string; n: number }>(
      `SELECT s.slug, count(*)::int AS n FROM "Incident" i JOIN "Service" s ON s.id = i."serviceId" GROUP BY s.slug ORDER BY n DESC LIMIT 1`,
    );
    const { slug, n } = top!;
    expect(n).toBeGreaterThan(0);
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/${slug}`);
    const table = page.getByRole("table", { name: "Latest incidents, ongoing first" });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(Math.min(5, n));
    await page.getByRole("link", { name: "Uptime and all incidents" }).click();
    await page.waitForURL(`**/services/${slug}/uptime`);
    await page.close();
  });

  it("the board shows each service's 30-day uptime", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/`);
    for (const name of ["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"]) {
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
      await card.waitFor();
      expect(await card.textContent()).toMatch(/Uptime 30 d99\.\d\d %/);
    }
    await page.close();
  });
});

describe("a freshly created check (Chromium)", () => {
  it("shows 'Not enough data yet' and how little is observed, not a percentage, on the board and the uptime page", async () => {
    await appSql(`INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") SELECT 'svc_fresh', id, 'fresh-svc', 'Fresh Service', now() FROM "Team" WHERE slug = 'platform'`);
    await appSql(`INSERT INTO "HealthCheck" (id, "serviceId", name, url, "createdAt", "updatedAt") VALUES ('hc_fresh', 'svc_fresh', 'f', 'http://127.0.0.1:9/', now() - interval '10 minutes', now())`);
    // One probe a minute for its first ten minutes, 2 up and 9 down: an "uptime" of 18.18 % that stands
    // on ten minutes. Hour and day rollups are the sums of the minutes, as the probe engine writes them.
    await appSql(
      `WITH m AS (SELECT date_trunc('minute', now()) - k * interval '1 minute' AS t, (k >= 9)::int AS up, (k < 9)::int AS down FROM generate_series(0, 10) k)
       INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded)
       SELECT 'hc_fresh', g::"RollupGranularity", date_trunc(g, m.t), sum(m.up), sum(m.down), 0
       FROM m, unnest(ARRAY['minute', 'hour', 'day']) AS g GROUP BY g, date_trunc(g, m.t)`,
    );
    try {
      const page = await viewer().newPage();
      await page.goto(`${baseUrl()}/?q=fresh-svc`);
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Fresh Service", exact: true }) });
      await card.waitFor();
      await card.getByRole("link", { name: /^Fresh Service uptime, last 30 days: Not enough data yet, 1\d min of 30 d observed$/ }).waitFor();
      const text = (await card.textContent()) ?? "";
      expect(text).toMatch(/Uptime 30 d\W*Not enough data yet/);
      expect(text).toMatch(/1\d min of 30 d observed/);
      expect(text).not.toMatch(/\d+(\.\d+)? %/);

      for (const [range, label] of [["24h", "24 hours"], ["30d", "30 days"]] as const) {
        await page.goto(`${baseUrl()}/services/fresh-svc/uptime?range=${range}`);
        const summary = page.getByRole("region", { name: "Summary" });
        await summary.waitFor();
        const figures = (await summary.textContent()) ?? "";
        expect(figures).toContain(`Uptime (${label})Not enough data yet`);
        expect(figures).toMatch(new RegExp(`1\\d min of ${range.replace(/(\d+)/, "$1 ")} observed`));
        expect(figures).not.toContain("18.18 %");
      }
      await page.close();
    } finally {
      await appSql(`DELETE FROM "Service" WHERE id = 'svc_fresh'`);
    }
  });
});

describe("GET /api/v1/services/{slug}/uptime", () => {
  it("answers any team member with the documented shape; 400 on a bad range, 404 on another check", async () => {
    const { secret } = await insertToken({ teamSlug: "platform", email: "viewer@example.com", role: "viewer" });
    const get = (q: string) => fetch(`${baseUrl()}/api/v1/services/cryptopulse/uptime${q}`, { headers: { authorization: `Bearer ${secret}` } });
    const res = await get("?range=7d");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { series: unknown[]; latency: Record<string, number>; incidents: { firstError: string }[] };
    expect(body).toMatchObject({ service: "cryptopulse", range: "7d", granularity: "hour", stepSeconds: 3600, noData: false });
    expect(body.series).toHaveLength(168);
    // 168 whole hours up to the hour in progress at `to`, the moment of the answer.
    const window = rangeWindow("7d", Date.parse(body.to as string));
    expect([body.from, (body.series as { t: string }[]).at(-1)!.t]).toEqual([new Date(window.from).toISOString(), new Date(window.end - 3600_000).toISOString()]);
    // Every hour before the seeding holds its 60 probes with percentiles; every hour after it is empty, never "up".
    const seededAt = await demoSeededAt();
    const series = body.series as { t: string; up: number; down: number; degraded: number; p50: number | null; p95: number | null; p99: number | null }[];
    const full = series.filter((p) => Date.parse(p.t) + 3600_000 <= seededAt);
    expect(full.length).toBeGreaterThan(0);
    for (const p of full) {
      expect(p).toEqual({ t: p.t, up: expect.any(Number), down: expect.any(Number), degraded: expect.any(Number), maintenance: 0, p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) });
      expect([p.t, p.up + p.down + p.degraded]).toEqual([p.t, 60]);
    }
    for (const p of series.filter((x) => Date.parse(x.t) >= seededAt)) expect(p).toEqual({ t: p.t, up: 0, down: 0, degraded: 0, maintenance: 0, p50: null, p95: null, p99: null });
    expect(Object.keys(body.series[167]!).sort()).toEqual(["degraded", "down", "maintenance", "p50", "p95", "p99", "t", "up"]);
    expect(body.uptimePercent).toBeGreaterThan(99);
    expect(body.latency.p99).toBeGreaterThan(body.latency.p50!);
    expect(body.incidents.length).toBeGreaterThan(0);

    const bad = await get("?range=1y");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect((await get("?range=24h&check=not-a-check")).status).toBe(404);
    expect((await fetch(`${baseUrl()}/api/v1/services/cryptopulse/uptime`)).status).toBe(401);
  });
});
