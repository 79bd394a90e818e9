/**
 * A checklist you can work through (issue #15): on the demo's longest checklist the first checkbox is on
 * the first screen at desktop and phone sizes; sections fold and stay folded across reloads (also before
 * React hydrates); several items are marked done at once with one note (one audit row each, all or
 * nothing); the blocker list expands; guidance shows its code as code.
 */
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { appSql, baseUrl, insertToken, signedInBrowser, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

const owner = signedInBrowser("owner@example.com");
const editor = signedInBrowser("editor@example.com");

/** Waits until React has hydrated the checklist (the boxes are disabled until then). */
async function hydrated(page: Page) {
  const first = page.getByRole("checkbox").first();
  await page.waitForFunction((el) => !(el as HTMLInputElement).disabled, await first.elementHandle());
}

const sectionToggle = (page: Page, title: string) => page.getByRole("heading", { level: 2 }).filter({ hasText: title }).getByRole("button");

describe("the service page starts with the checklist (Chromium)", () => {
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`the first checkbox of a long checklist is on the first screen at ${viewport.width}×${viewport.height}, with the summary`, async () => {
      // CryptoPulse has the demo's longest checklist.
      const counts = await appSql<{ slug: string; n: number }>(
        `SELECT s.slug, count(*)::int AS n FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE i."archivedAt" IS NULL AND s.slug = ANY($1) GROUP BY s.slug ORDER BY n DESC`,
        [["cryptopulse", "glasswork", "hyperterse", "trailbase"]],
      );
      expect(counts[0]).toMatchObject({ slug: "cryptopulse", n: expect.any(Number) });
      expect(counts[0]!.n).toBeGreaterThan(40);
      const ctx = await launchBrowser({ viewport });
      try {
        // An owner sees the most controls above the list.
        await signInBrowser(ctx, "owner@example.com");
        const page = await ctx.newPage();
        await page.goto(`${baseUrl()}/services/cryptopulse`);
        await hydrated(page);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        const box = (await page.getByRole("checkbox").first().boundingBox())!;
        expect(box.y).toBeGreaterThan(0);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        // What people need is there too: the score and level, the blockers, the way to the review.
        for (const part of [page.getByTestId("readiness-score"), page.getByText(/^\d+ blockers?$/), page.getByRole("navigation", { name: "More on this page" }).getByRole("link", { name: "Review" })]) {
          const b = (await part.boundingBox())!;
          expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      } finally {
        await ctx.close();
      }
    });
  }

  it("a folded section stays folded after a reload, also before the page's scripts run, and unfolds again", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/services/glasswork`);
    await hydrated(page);
    const [{ title, key }] = (await appSql<{ title: string; key: string }>(
      `SELECT i."sectionTitle" AS title, i."sectionKey" AS key FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
       WHERE s.slug = 'glasswork' AND i."archivedAt" IS NULL ORDER BY i.position LIMIT 1`,
    )) as [{ title: string; key: string }];
    const toggle = sectionToggle(page, title);
    const list = page.locator(`#section-${key}-items`);
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await toggle.getAttribute("aria-controls")).toBe(`section-${key}-items`);
    expect(await toggle.textContent()).toMatch(/\d+ of \d+ done/);
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await list.isHidden()).toBe(true);

    await page.reload();
    await hydrated(page);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await list.isHidden()).toBe(true);
    // Other services keep their sections open: the choice is per service.
    await page.goto(`${baseUrl()}/services/hyperterse`);
    await hydrated(page);
    expect(await page.locator('[data-section-body] >> visible=true').count()).toBeGreaterThan(0);
    expect(await page.locator('button[data-section-toggle][aria-expanded="false"]').count()).toBe(0);

    // Without the page's JavaScript (React never hydrates) the folded section is hidden all the same:
    // the server's HTML has it open and the inline script folds it before it is drawn.
    const bare = await owner().newPage();
    await bare.route("**/_next/static/**/*.js", (route) => route.abort());
    await bare.goto(`${baseUrl()}/services/glasswork`);
    await bare.locator(`#section-${key}-items`).waitFor({ state: "attached" });
    expect(await bare.locator(`#section-${key}-items`).isHidden()).toBe(true);
    expect(await bare.locator("[data-section-body]").evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== "none").length)).toBeGreaterThan(0);
    await bare.close();

    await page.goto(`${baseUrl()}/services/glasswork`);
    await hydrated(page);
    await toggle.click();
    await page.reload();
    await hydrated(page);
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await list.isVisible()).toBe(true);
    await page.close();
  });

  it("the blocker list shows ten, then all of them; an item's blocker leads to its box, unfolding its section", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse`);
    await hydrated(page);
    const summary = page.getByText(/^\d+ blockers$/);
    const total = Number((await summary.textContent())!.split(" ")[0]);
    expect(total).toBeGreaterThan(10);
    await summary.click();
    const list = page.getByRole("list", { name: "Blockers" });
    expect(await list.getByRole("listitem").count()).toBe(10);
    expect(await page.getByText(/ and \d+ more/).count()).toBe(0);
    await page.getByRole("button", { name: `Show all ${total} blockers` }).click();
    expect(await list.getByRole("listitem").count()).toBe(total);

    // The last item blocker: its section folded first, the link unfolds it and focuses the item's box.
    const link = list.getByRole("link").last();
    const href = (await link.getAttribute("href"))!;
    const itemKey = href.replace("#item-", "");
    const [{ sectionKey, title }] = (await appSql<{ sectionKey: string; title: string }>(
      `SELECT i."sectionKey", i.title FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'cryptopulse' AND i.key = $1`,
      [itemKey],
    )) as [{ sectionKey: string; title: string }];
    await page.locator(`button[data-section-toggle="${sectionKey}"]`).click();
    expect(await page.locator(`#section-${sectionKey}-items`).isHidden()).toBe(true);
    await link.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`item-${itemKey}`);
    expect(await page.getByRole("checkbox", { name: title, exact: true }).isVisible()).toBe(true);
    expect(await page.locator(`button[data-section-toggle="${sectionKey}"]`).getAttribute("aria-expanded")).toBe("true");
    await page.close();
  });

  it("an item's guidance, behind its Details button, shows commands and config as code", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse`);
    await hydrated(page);
    const title = "Generate a strong JWT secret (minimum 32 characters)";
    const details = page.getByRole("button", { name: `Details: ${title}`, exact: true });
    const panel = page.locator(`#${(await details.getAttribute("aria-controls"))!}`);
    expect(await panel.isHidden()).toBe(true);
    await details.click();
    expect(await details.getAttribute("aria-expanded")).toBe("true");
    await panel.locator("pre code").filter({ hasText: "openssl rand -base64 48" }).waitFor();
    expect(await panel.locator("p code").allTextContents()).toEqual([".env", "JWT_SECRET=your-generated-secret-here"]);
    expect(await panel.locator("pre code").evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    await page.close();
  });
});

/** Open items of one section of a service, the section with the most of them, skipping CryptoPulse's first. */
async function openItemsOf(slug: string, n: number) {
  return appSql<{ key: string; title: string; version: number; sectionKey: string }>(
    `WITH open AS (
       SELECT i.key, i.title, i.version, i."sectionKey", i.position FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
       WHERE s.slug = $1 AND i.state = 'open' AND i."archivedAt" IS NULL
     ), best AS (SELECT "sectionKey" FROM open GROUP BY "sectionKey" ORDER BY count(*) DESC, min(position) LIMIT 1)
     SELECT key, title, version, "sectionKey" FROM open WHERE "sectionKey" = (SELECT "sectionKey" FROM best) ORDER BY position LIMIT $2`,
    [slug, n],
  );
}

async function startSelecting(ctx: BrowserContext, slug: string) {
  const page = await ctx.newPage();
  await page.goto(`${baseUrl()}/services/${slug}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Select several" }).click();
  return page;
}

describe("ticking several items at once (Chromium)", () => {
  it("three items marked done with one note: each saved with it, one audit row each", async () => {
    const items = await openItemsOf("hyperterse", 3);
    expect(items).toHaveLength(3);
    const page = await startSelecting(editor(), "hyperterse");
    for (const i of items) await page.getByRole("checkbox", { name: `Select: ${i.title}`, exact: true }).check();
    expect(await page.getByTestId("bulk-count").textContent()).toBe("3 items selected");
    const note = "Verified in the December game day";
    await page.getByLabel("Evidence note (optional, kept on each item)").fill(note);
    const saved = page.waitForResponse((r) => r.url().endsWith("/checklist/bulk") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Mark 3 items done" }).click();
    expect((await saved).status()).toBe(200);
    await page.getByRole("status").filter({ hasText: "Marked 3 items done." }).waitFor();

    const rows = await appSql<{ key: string; state: string; note: string; version: number }>(
      `SELECT i.key, i.state::text, i.note, i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'hyperterse' AND i.key = ANY($1)`,
      [items.map((i) => i.key)],
    );
    expect(rows.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      items.map((i) => ({ key: i.key, state: "done", note, version: i.version + 1 })).sort((a, b) => a.key.localeCompare(b.key)),
    );
    const audits = await appSql<{ targetId: string; actorEmail: string; requestId: string; after: { state: string; note: string } }>(
      `SELECT "targetId", "actorEmail", "requestId", after FROM "AuditEvent" WHERE action = 'checklist.update' AND "targetId" = ANY($1)`,
      [items.map((i) => `hyperterse/${i.key}`)],
    );
    expect(audits.map((a) => a.targetId).sort()).toEqual(items.map((i) => `hyperterse/${i.key}`).sort());
    for (const a of audits) expect(a).toMatchObject({ actorEmail: "editor@example.com", after: { state: "done", note } });
    // One request wrote them: one request id on the three rows.
    expect(new Set(audits.map((a) => a.requestId)).size).toBe(1);

    // Out of selection mode the boxes tick again, and show the three done.
    await page.getByRole("button", { name: "Done selecting" }).click();
    for (const i of items) expect(await page.getByRole("checkbox", { name: i.title, exact: true }).isChecked()).toBe(true);
    await page.close();
  });

  it("when someone else changed one of them first, nothing is saved and the page names it", async () => {
    const items = await openItemsOf("trailbase", 2);
    expect(items).toHaveLength(2);
    const page = await startSelecting(editor(), "trailbase");
    for (const i of items) await page.getByRole("checkbox", { name: `Select: ${i.title}`, exact: true }).check();
    const { secret } = await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" });
    const other = await fetch(`${baseUrl()}/api/v1/services/trailbase/checklist/${items[1]!.key}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "na", reason: "covered by the platform", version: items[1]!.version }),
    });
    expect(other.status).toBe(200);

    const refused = page.waitForResponse((r) => r.url().endsWith("/checklist/bulk"));
    await page.getByRole("button", { name: "Mark 2 items done" }).click();
    expect((await refused).status()).toBe(409);
    const alert = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`“${items[1]!.title}” (now N/A by Olive Owner)`);
    const [first] = await appSql<{ state: string; version: number }>(
      `SELECT i.state::text, i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'trailbase' AND i.key = $1`,
      [items[0]!.key],
    );
    expect(first).toEqual({ state: "open", version: items[0]!.version });
    expect(await appSql(`SELECT 1 FROM "AuditEvent" WHERE action = 'checklist.update' AND "targetId" = $1`, [`trailbase/${items[0]!.key}`])).toEqual([]);
    await page.close();
  });
});
