/**
 * Basics a first visitor notices: the site has an icon (no 404 for it, also before sign-in), and long
 * unbroken text that people paste into a reason or note (hashes, paths, tokens) wraps inside its
 * checklist item on a phone instead of running off the card. A quiet team of its own (so no other test's
 * writes reach it) shows what a new team sees on its API tokens and audit pages.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, insertToken, signedInBrowser, signInBrowser } from "../helpers/app";
import type { Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";

const owner = signedInBrowser("owner@example.com");
const SLUG = "wrap-demo";
let editorToken = "";

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${editorToken}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> | null };
}

beforeAll(async () => {
  editorToken = (await insertToken({ teamSlug: "platform", email: "editor@example.com", role: "editor" })).secret;
});

describe("page basics (Chromium)", () => {
  it("the icon is served to signed-out visitors, with its cache-busting query, without a redirect", async () => {
    const ctx = await launchBrowser();
    try {
      const page = await ctx.newPage();
      await page.goto(`${baseUrl()}/signin`);
      const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
      expect(href).toMatch(/^\/icon\.svg\?/);
      const res = await fetch(`${baseUrl()}${href}`, { redirect: "manual" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    } finally {
      await ctx.close();
    }
  });

  it("a long unbroken N/A reason and note wrap inside their item on a phone", async () => {
    expect((await api("POST", "/api/v1/services", { name: "Wrap Demo", slug: SLUG, team: "platform", templates: ["trailbase"] })).status).toBe(201);
    const list = await api("GET", `/api/v1/services/${SLUG}/checklist`);
    const item = list.body!.items[0] as { key: string; title: string; version: number };
    const reason = `sha256:${"a1b2c3d4".repeat(100)}`;
    const note = `/var/backups/${"segment".repeat(150)}`;
    const saved = await api("PATCH", `/api/v1/services/${SLUG}/checklist/${item.key}`, { state: "na", reason, note, version: item.version });
    expect(saved.status).toBe(200);

    const page = await owner().newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const row = page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: item.title, exact: true }) });
    const reasonText = row.getByText(/^Not applicable: sha256:/);
    const noteText = row.getByText(/^Note: \/var\/backups\//);
    await reasonText.waitFor();
    const insideRow = async () => {
      const rowBox = (await row.boundingBox())!;
      for (const text of [reasonText, noteText]) {
        if (!(await text.isVisible())) continue;
        const box = (await text.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(rowBox.x + rowBox.width);
      }
    };
    // Folded, the row shows the reason (cut to two lines); opened, the whole reason and the note.
    await insideRow();
    await row.getByRole("button", { name: `Details: ${item.title}`, exact: true }).click();
    await noteText.waitFor();
    await insideRow();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });
});

/** WCAG contrast ratio of an element's text against the page background, colours resolved by the browser. */
async function textContrast(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const c = canvas.getContext("2d", { willReadFrequently: true })!;
    const rgb = (css: string) => {
      c.clearRect(0, 0, 1, 1);
      c.fillStyle = css;
      c.fillRect(0, 0, 1, 1);
      return Array.from(c.getImageData(0, 0, 1, 1).data.slice(0, 3));
    };
    const luminance = (css: string) => {
      const [r, g, b] = rgb(css).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const text = luminance(getComputedStyle(document.querySelector(sel)!).color);
    const back = luminance(getComputedStyle(document.body).backgroundColor);
    return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
  }, selector);
}

describe("a new team's tokens and audit log (Chromium)", () => {
  const email = "quiet-owner@example.com";
  let teamId = "";
  beforeAll(async () => {
    const [user] = await appSql<{ id: string }>(`INSERT INTO "User" (id, email, name) VALUES ('u_quiet_owner', $1, 'Quinn Quiet') RETURNING id`, [email]);
    const [team] = await appSql<{ id: string }>(`INSERT INTO "Team" (id, slug, name) VALUES ('t_quiet', 'quiet', 'Quiet') RETURNING id`);
    teamId = team!.id;
    await appSql(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ('m_quiet_owner', $1, $2, 'owner')`, [teamId, user!.id]);
  });

  it("two tokens with the same name get revoke controls that say which is which", async () => {
    const first = await insertToken({ teamId, email, role: "viewer" });
    const second = await insertToken({ teamId, email, role: "viewer" });
    const ctx = await launchBrowser();
    try {
      await signInBrowser(ctx, email);
      const page = await ctx.newPage();
      await page.goto(`${baseUrl()}/teams/quiet/tokens`);
      for (const { secret } of [first, second]) {
        const prefix = secret.slice(0, 9);
        const control = page.getByText(`Revoke fixture (starts with ${prefix})…`, { exact: true });
        await control.waitFor();
        await control.click();
        await page.getByRole("button", { name: `Revoke fixture (starts with ${prefix})`, exact: true }).waitFor();
      }
    } finally {
      await ctx.close();
    }
  });

  it("a refused demotion of the only owner says why and shows the role that still holds", async () => {
    const ctx = await launchBrowser();
    try {
      await signInBrowser(ctx, email);
      const page = await ctx.newPage();
      await page.goto(`${baseUrl()}/teams/quiet`);
      const select = page.getByRole("combobox", { name: `Role for ${email}`, exact: true });
      await select.waitFor();
      await select.selectOption("editor");
      await page.getByRole("button", { name: `Save role for ${email}`, exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "A team needs at least one owner" }).waitFor();
      expect(await select.inputValue()).toBe("owner");
      const [row] = await appSql<{ role: string }>(`SELECT role::text FROM "Membership" WHERE "teamId" = $1`, [teamId]);
      expect(row!.role).toBe("owner");
    } finally {
      await ctx.close();
    }
  });

  it("an audit log without events says so, and its filter warning is readable in dark mode", async () => {
    const ctx = await launchBrowser({ colorScheme: "dark" });
    try {
      await signInBrowser(ctx, email);
      const page = await ctx.newPage();
      await page.goto(`${baseUrl()}/teams/quiet/audit`);
      await page.getByRole("heading", { name: "No events yet" }).waitFor();
      await page.goto(`${baseUrl()}/teams/quiet/audit?action=nothing.`);
      await page.getByText("No events match these filters.").waitFor();
      await page.goto(`${baseUrl()}/teams/quiet/audit?from=2026-13-45`);
      await page.getByText("Some filters were not valid and were ignored.").waitFor();
      expect(await textContrast(page, 'main [role="alert"]')).toBeGreaterThanOrEqual(4.5);
    } finally {
      await ctx.close();
    }
  });
});
