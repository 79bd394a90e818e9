import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { appSql, cookieHeader, insertToken, sessionFor, signInBrowser } from "../helpers/app";

const baseUrl = inject("baseUrl");
let browser: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  await signInBrowser(browser, "viewer@example.com");
});
afterAll(async () => {
  await browser?.close();
});

describe("board and service page (Chromium)", () => {
  it("the board lists the four seed services with their checklist completion", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole("heading", { name: "Readiness board" }).waitFor();
    for (const name of ["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"]) {
      await page.getByRole("link", { name, exact: true }).waitFor();
      const bar = page.getByRole("progressbar", { name: `${name} readiness score` });
      expect(Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
    }
    await page.close();
  });

  it("a card says when a service's only checks are paused, and shows their 30-day uptime", async () => {
    await appSql(`INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") SELECT 'svc_paused', id, 'paused-svc', 'Paused Service', now() FROM "Team" WHERE slug = 'platform'`);
    await appSql(`INSERT INTO "HealthCheck" (id, "serviceId", name, url, enabled, "updatedAt") VALUES ('hc_paused', 'svc_paused', 'p', 'http://127.0.0.1:9/', false, now())`);
    await appSql(
      `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded) VALUES ('hc_paused', 'day', date_trunc('day', now() - interval '2 days'), 300, 100, 0)`,
    );
    try {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/?q=paused-svc`);
      const card = page.getByRole("listitem").filter({ hasText: "Paused Service" });
      await card.waitFor();
      expect(await card.textContent()).toContain("1 check paused");
      expect(await card.textContent()).toMatch(/75(\.0+)? %/);
      // A whole day of probes two days ago, then paused: a day of the 30 is observed.
      expect(await card.textContent()).toContain("1 d of 30 d observed");
      await page.close();
    } finally {
      await appSql(`DELETE FROM "Service" WHERE id = 'svc_paused'`);
    }
  });

  it("a card shows its score trend as a sparkline with words; the History tab charts 90 days with a table of the level changes; the team exports CSV", async () => {
    // Five days before today (one without a point), as the backfill writes them; today's point is whatever a round observed.
    const days = [[-5, 40, "not-ready"], [-4, 40, "not-ready"], [-3, 60, "at-risk"], [-1, 80, "ready"]] as const;
    for (const [offset, score, level] of days) {
      await appSql(
        `INSERT INTO "ServiceHistory" ("serviceId", date, "teamId", score, level, blockers, waivers, source)
         SELECT id, (now() AT TIME ZONE 'UTC')::date + $1::int, "teamId", $2, $3, 0, 0, 'backfill' FROM "Service" WHERE slug = 'cryptopulse'
         ON CONFLICT DO NOTHING`,
        [offset, score, level],
      );
    }
    try {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/?q=cryptopulse`);
      const card = page.getByRole("listitem").filter({ hasText: "CryptoPulse" }).first();
      await card.waitFor();
      const [today] = await appSql<{ score: number }>(
        `SELECT h.score FROM "ServiceHistory" h JOIN "Service" s ON s.id = h."serviceId" WHERE s.slug = 'cryptopulse' AND h.date = (now() AT TIME ZONE 'UTC')::date`,
      );
      const sparkline = card.getByTestId("score-sparkline");
      // three days in a row, then a gap
      expect(await sparkline.locator("svg path").getAttribute("d")).toMatch(/^M\d+ \d+l4 -?\d+l4 -?\d+M/);
      expect(await sparkline.textContent()).toBe(`CryptoPulse score trend: ${today ? `Score 40 → ${today.score} over 6 days` : "Score 40 → 80 over 5 days"}`);

      await page.goto(`${baseUrl}/services/cryptopulse/history`);
      await page.getByRole("heading", { level: 1, name: "CryptoPulse history" }).waitFor();
      await page.getByTestId("score-history-chart").locator("svg").first().waitFor();
      await page.getByText("Show data as table").click();
      const table = page.getByRole("table", { name: "Readiness per day, newest first" });
      const row = (offset: number) => table.getByRole("row").filter({ hasText: new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10) });
      expect(await row(-3).textContent()).toContain("Not ready → At risk");
      expect(await row(-1).textContent()).toContain("At risk → Ready");
      expect(await row(-1).textContent()).toContain("(rebuilt)");
      expect(await row(-2).count()).toBe(0);
      await page.close();

      const team = await browser.newPage();
      await team.goto(`${baseUrl}/teams/platform`);
      const href = await team.getByRole("link", { name: "Download CSV, last 90 days" }).getAttribute("href");
      await team.close();
      const csv = await fetch(`${baseUrl}${href}`, { headers: { cookie: cookieHeader(await sessionFor("viewer@example.com")) } });
      expect(csv.headers.get("content-type")).toContain("text/csv");
      const lines = (await csv.text()).split("\r\n");
      expect(lines[0]).toBe("date,service,name,score,level,blockers,waivers,stale_approval,source");
      expect(lines.filter((l) => l.includes(",cryptopulse,CryptoPulse,")).length).toBeGreaterThanOrEqual(4);
    } finally {
      await appSql(`DELETE FROM "ServiceHistory" WHERE source = 'backfill'`);
    }
  });

  it("a service page lists its checklist grouped by the guide's sections", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: "CryptoPulse", exact: true }).click();
    await page.waitForURL(`${baseUrl}/services/cryptopulse`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("CryptoPulse");
    await page.getByRole("heading", { name: /Deployment checklist/i }).waitFor();
    expect(await page.getByText("Test backup restoration procedure").count()).toBeGreaterThan(0);
    await page.getByText("/demo/cryptopulse/health").waitFor();
    await page.close();
  });

  it("an unknown service answers 404 with a page that leads back", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${baseUrl}/services/does-not-exist`);
    expect(res?.status()).toBe(404);
    await page.getByRole("link", { name: "Back to the board" }).waitFor();
    await page.close();
  });

  it("secure headers are set and health routes answer", async () => {
    const res = await fetch(`${baseUrl}/`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(await (await fetch(`${baseUrl}/api/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe("ready");
  });

  it("API answers are never stored; small JSON answers skip gzip, large ones and pages keep it", async () => {
    const { secret } = await insertToken({ teamSlug: "platform", email: "viewer@example.com", role: "viewer" });
    const api = (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${secret}`, "accept-encoding": "gzip" } });
    const small = await api("/api/v1/services/does-not-exist");
    expect(small.status).toBe(404);
    const smallBody = await small.text();
    expect(smallBody.length).toBeLessThan(1024);
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(JSON.parse(smallBody).error.code).toBe("not_found");

    const large = await api("/api/v1/services");
    expect(large.status).toBe(200);
    expect((await large.text()).length).toBeGreaterThan(1024);
    expect(large.headers.get("cache-control")).toBe("no-store");
    expect(large.headers.get("content-encoding")).toBe("gzip");

    const page = await fetch(`${baseUrl}/`, { headers: { cookie: cookieHeader(await sessionFor("viewer@example.com")), "accept-encoding": "gzip" } });
    expect(page.headers.get("content-encoding")).toBe("gzip");
  });
});
