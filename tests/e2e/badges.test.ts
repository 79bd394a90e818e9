/**
 * Public badges in Chromium (issue #17, item 2): off by default (the same 404 as for a team that does not
 * exist, also signed out), an owner turns them on on the team page, the service page offers the Markdown
 * with a Copy button, and a signed-out browser renders the badge: its size and title are checked, a
 * screenshot is saved to .data/screenshots/ and its size and colours are checked against the badge's own.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BADGE_COLOURS, BADGE_HEIGHT, LABEL_COLOUR } from "@/lib/badges/svg";
import { LEVEL_STATUS } from "@/lib/status/present";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import { launchBrowser } from "../helpers/browser";
import { appSql, baseUrl, signInBrowser, signedInBrowser } from "../helpers/app";
import { SCREENSHOT_DIR } from "../helpers/screenshots";

const owner = signedInBrowser("owner@example.com");
const TEAM = "platform";
const SERVICE = "cryptopulse";
const badgeUrl = (kind: string, team = TEAM, service = SERVICE) => `${baseUrl()}/api/badge/${team}/${service}/${kind}.svg`;

afterAll(async () => {
  // Other files see the demo team as seeded: badges off.
  await appSql(`UPDATE "Team" SET "publicBadges" = false WHERE slug = $1`, [TEAM]);
});

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe("README badges (Chromium)", () => {
  it("answer 404 while the team has not turned them on, with the body of a team that does not exist", async () => {
    const missing = await fetch(badgeUrl("readiness", "no-such-team", "no-such-service"));
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();
    for (const kind of ["readiness", "health", "uptime"]) {
      const res = await fetch(badgeUrl(kind));
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(missingBody);
    }
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const res = await page.goto(badgeUrl("readiness"));
      expect(res?.status()).toBe(404);
      expect(await page.locator("svg").count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it("an owner turns them on; the service page offers the Markdown; a signed-out browser renders the badge", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/teams/${TEAM}`);
    const teamSection = page.getByRole("region", { name: "Public badges" });
    await teamSection.getByText(/^Off: badge URLs/).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll("section[aria-labelledby=badges-heading] button")].every((b) => !(b as HTMLButtonElement).disabled));
    await teamSection.getByRole("button", { name: "Turn public badges on" }).click();
    await teamSection.getByText("Public badges are on: each service page shows its badge Markdown.").waitFor();
    await teamSection.getByRole("button", { name: "Turn public badges off" }).waitFor();
    const [audit] = await appSql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'team.badges' AND "targetId" = $1`, [TEAM]);
    expect(audit!.n).toBeGreaterThanOrEqual(1);

    await page.goto(`${baseUrl()}/services/${SERVICE}`);
    const panel = page.getByRole("region", { name: "README badges" });
    await panel.getByRole("button", { name: "Copy badge Markdown" }).waitFor();
    const markdown = (await panel.locator("pre").textContent()) ?? "";
    expect(markdown).toMatch(/^!\[CryptoPulse readiness\]\(https?:\/\/[^)]+\/api\/badge\/platform\/cryptopulse\/readiness\.svg\) !\[CryptoPulse health\]/);
    // The previews load (an image that failed has no natural width).
    await page.waitForFunction(() => [...document.querySelectorAll("#badges-heading ~ ul img")].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
    expect(await page.getByRole("navigation", { name: "More on this page" }).getByRole("link", { name: "README badges" }).getAttribute("href")).toBe("#badges-heading");

    const visitor = await launchBrowser();
    try {
      const badge = await visitor.newPage();
      const res = await badge.goto(badgeUrl("readiness"));
      expect(res?.status()).toBe(200);
      expect(res?.headers()["content-type"]).toBe("image/svg+xml");
      expect(res?.headers()["cache-control"]).toBe("public, max-age=60");
      const svg = badge.locator("svg");
      const facts = await svg.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const texts = [...el.querySelectorAll("text")].map((t) => t.textContent);
        return {
          width: box.width,
          height: box.height,
          attrWidth: Number(el.getAttribute("width")),
          role: el.getAttribute("role"),
          label: el.getAttribute("aria-label"),
          title: el.querySelector("title")?.textContent,
          texts,
          // each text drawn inside its own half
          textBoxes: [...el.querySelectorAll("text")].map((t) => t.getBBox()).map((b) => [b.x, b.x + b.width]),
          rects: [...el.querySelectorAll("g rect")].map((r) => Number(r.getAttribute("width"))),
        };
      });
      expect(facts.role).toBe("img");
      expect(facts.height).toBe(BADGE_HEIGHT);
      expect(facts.width).toBe(facts.attrWidth);
      const [label, message] = facts.texts as [string, string];
      expect(label).toBe("readiness");
      const [, levelText, score] = /^(Ready|At risk|Not ready) · (\d+)\/100$/.exec(message)!;
      expect(facts.title).toBe(`CryptoPulse readiness: ${levelText}, score ${score} of 100`);
      expect(facts.label).toBe(facts.title);
      const [labelWidth] = facts.rects as [number];
      expect(facts.textBoxes[0]![0]).toBeGreaterThanOrEqual(0);
      expect(facts.textBoxes[0]![1]).toBeLessThanOrEqual(labelWidth);
      expect(facts.textBoxes[1]![0]).toBeGreaterThanOrEqual(labelWidth);
      expect(facts.textBoxes[1]![1]).toBeLessThanOrEqual(facts.width);

      // The screenshot is the badge's size, and its pixels have the label's and the level's colours.
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, "badge-readiness.png");
      await svg.screenshot({ path: file });
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([facts.width, BADGE_HEIGHT]);
      const level = (Object.keys(LEVEL_STATUS) as ReadinessLevel[]).find((l) => LEVEL_STATUS[l].text === levelText)!;
      const pixels = await badge.evaluate(async ({ src, points }) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas") as HTMLCanvasElement;
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const g = canvas.getContext("2d")!;
        g.drawImage(img, 0, 0);
        return points.map(([x, y]) => [...g.getImageData(x!, y!, 1, 1).data.slice(0, 3)]);
      }, { src: badgeUrl("readiness"), points: [[2, 10], [facts.width - 2, 10]] });
      // Within the gloss gradient (10 % light at the top to 10 % dark at the bottom) of the flat colour.
      const near = (got: number[], hex: string) => got.every((c, i) => Math.abs(c - rgb(hex)[i]!) <= 24);
      expect(near(pixels[0]!, LABEL_COLOUR), `label pixel ${pixels[0]}`).toBe(true);
      expect(near(pixels[1]!, BADGE_COLOURS[LEVEL_STATUS[level].tone]), `message pixel ${pixels[1]}`).toBe(true);

      for (const kind of ["health", "uptime"]) {
        const other = await badge.goto(badgeUrl(kind));
        expect(other?.status()).toBe(200);
        expect(await badge.locator("svg title").textContent()).toMatch(kind === "health" ? /^CryptoPulse health: / : /^CryptoPulse uptime over 30 d: /);
      }
    } finally {
      await visitor.close();
    }

    // Off again: the same 404 as before.
    await page.goto(`${baseUrl()}/teams/${TEAM}`);
    await page.waitForFunction(() => [...document.querySelectorAll("section[aria-labelledby=badges-heading] button")].every((b) => !(b as HTMLButtonElement).disabled));
    await teamSection.getByRole("button", { name: "Turn public badges off" }).click();
    await teamSection.getByText("Public badges are off: every badge URL of the team answers 404.").waitFor();
    expect((await fetch(badgeUrl("readiness"))).status).toBe(404);
  });

  it("the badge panel and the team setting fit a phone and read in dark mode (screenshots)", async () => {
    await appSql(`UPDATE "Team" SET "publicBadges" = true WHERE slug = $1`, [TEAM]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [suffix, variant] of [
      ["phone", { colorScheme: "light" as const, viewport: { width: 390, height: 844 } }],
      ["dark", { colorScheme: "dark" as const }],
    ] as const) {
      const ctx = await launchBrowser(variant);
      try {
        await signInBrowser(ctx, "owner@example.com");
        const page = await ctx.newPage();
        await page.goto(`${baseUrl()}/services/${SERVICE}`);
        const panel = page.getByRole("region", { name: "README badges" });
        await panel.getByRole("button", { name: "Copy badge Markdown" }).waitFor();
        await page.waitForFunction(() => [...document.querySelectorAll("#badges-heading ~ ul img")].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
        const width = variant.viewport?.width ?? 1280;
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `badges-panel-${suffix}.png`) });
        await page.goto(`${baseUrl()}/teams/${TEAM}`);
        const setting = page.getByRole("region", { name: "Public badges" });
        await setting.getByRole("button", { name: "Turn public badges off" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await setting.screenshot({ path: path.join(SCREENSHOT_DIR, `badges-setting-${suffix}.png`) });
      } finally {
        await ctx.close();
      }
    }
  });
});
