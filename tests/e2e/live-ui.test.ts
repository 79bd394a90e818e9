/**
 * A live service page (issue #13, decision 0023): a check goes down while the page is open, through the
 * probe round of POST /api/cron/probe, and the page says "Down" within two refresh intervals without a
 * reload; screen readers hear "Health check api: Down" once; the last probe's "just now" ages.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

const viewer = signedInBrowser("viewer@example.com");
const editor = signedInBrowser("editor@example.com");
const SLUG = "live-demo";
/** The page's refresh interval in this test (`?refresh=`), in seconds. */
const REFRESH = 3;

let target: TestTarget;
let healthy = true;
let checkId = "";

async function api(method: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Make the check due and run one background round, as an external scheduler would. */
async function probeRound() {
  await appSql(`UPDATE "HealthCheck" SET "nextRunAt" = now() - interval '1 second' WHERE id = $1`, [checkId]);
  const res = await fetch(`${baseUrl()}/api/cron/probe`, { method: "POST", headers: { authorization: `Bearer ${inject("cronSecret")}` } });
  expect(res.status).toBe(200);
  const [row] = await appSql<{ status: string }>(`SELECT status::text FROM "HealthCheck" WHERE id = $1`, [checkId]);
  return row!.status;
}

beforeAll(async () => {
  target = await httpTarget("/health", (_req, res) => {
    res.writeHead(healthy ? 200 : 503, { "content-type": "text/plain" });
    res.end(healthy ? "ok" : "unavailable");
  });
  const token = (await insertToken({ teamSlug: "platform", email: "editor@example.com", role: "editor" })).secret;
  expect((await api("POST", "/api/v1/services", token, { name: "Live Demo", slug: SLUG, team: "platform" })).status).toBe(201);
  const created = await api("POST", `/api/v1/services/${SLUG}/checks`, token, { url: target.url, name: "api", failuresBeforeDown: 1 });
  expect(created.status).toBe(201);
  checkId = (created.body.check as { id: string }).id;
  expect(await probeRound()).toBe("up");
});

afterAll(async () => {
  await target?.close();
});

describe("a live service page (Chromium)", () => {
  it("shows a check going down within two refresh intervals, without a reload, and announces it once", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}?refresh=${REFRESH}`);
    const card = page.getByRole("article", { name: "api" });
    const badge = card.locator("h3 + *");
    await card.waitFor();
    expect(await badge.textContent()).toBe("✓Up");
    // A mark on the window: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
    const announcer = page.getByTestId("status-announcer");
    expect(await announcer.getAttribute("aria-live")).toBe("polite");
    expect(await announcer.textContent()).toBe("");

    // "just now" ages in place, and the absolute moment stays in the title.
    const lastProbe = card.locator("dt", { hasText: "Last probe" }).locator("+ dd time");
    const title = await lastProbe.getAttribute("title");
    await expect.poll(() => lastProbe.textContent(), { timeout: 15_000 }).toMatch(/^\d+ s ago$/);
    expect(await lastProbe.getAttribute("title")).toBe(title);

    // Refreshes that change nothing announce nothing.
    await page.waitForTimeout(REFRESH * 1000 + 500);
    expect(await announcer.textContent()).toBe("");

    healthy = false;
    expect(await probeRound()).toBe("down");
    const downAt = Date.now();
    await badge.filter({ hasText: "Down" }).waitFor({ timeout: 2 * REFRESH * 1000 });
    const shownAfter = Date.now() - downAt;
    expect(await badge.textContent()).toBe("✕Down");
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    expect(await announcer.textContent()).toBe("Health check api: Down");
    expect(await card.textContent()).toContain("503");
    console.log(`Down shown ${shownAfter} ms after the probe round`);
    await page.close();
  });

  it("does not refresh in a hidden tab, nor while a form on the page holds unsaved input", async () => {
    const editorPage = await editor().newPage();
    await editorPage.goto(`${baseUrl()}/services/${SLUG}?refresh=1`);
    const card = editorPage.getByRole("article", { name: "api" });
    await card.waitFor();
    const refreshes: string[] = [];
    editorPage.on("request", (r) => {
      if (r.headers()["rsc"] === "1" && r.url().includes(`/services/${SLUG}`)) refreshes.push(r.url());
    });
    await expect.poll(() => refreshes.length, { timeout: 10_000 }).toBeGreaterThan(0);

    // A hidden tab does not refresh; shown again after an interval, it refreshes at once.
    const setVisibility = (state: "hidden" | "visible") =>
      editorPage.evaluate((s) => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);
    await setVisibility("hidden");
    await editorPage.waitForTimeout(500);
    const whileHidden = refreshes.length;
    await editorPage.waitForTimeout(3000);
    expect(refreshes.length).toBe(whileHidden);
    await setVisibility("visible");
    await expect.poll(() => refreshes.length, { timeout: 1500 }).toBeGreaterThan(whileHidden);

    // Typing into the add-check form (then leaving the field) holds the refresh off.
    await editorPage.getByText("Add a health check").click();
    const add = editorPage.locator("form", { has: editorPage.getByRole("button", { name: "Add check" }) });
    await add.getByLabel("URL").fill("https://typed.example.com/health");
    await editorPage.getByRole("heading", { name: "Live Demo" }).click();
    await editorPage.waitForTimeout(500);
    const before = refreshes.length;
    await editorPage.waitForTimeout(3000);
    expect(refreshes.length).toBe(before);
    expect(await add.getByLabel("URL").inputValue()).toBe("https://typed.example.com/health");
    await editorPage.close();
  });
});
