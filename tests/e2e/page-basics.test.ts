/**
 * Basics a first visitor notices: the site has an icon (no 404 for it, also before sign-in), and long
 * unbroken text that people paste into a reason or note (hashes, paths, tokens) wraps inside its
 * checklist item on a phone instead of running off the card.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, insertToken, signedInBrowser } from "../helpers/app";
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
    const rowBox = (await row.boundingBox())!;
    for (const text of [reasonText, noteText]) {
      const box = (await text.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(rowBox.x + rowBox.width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });
});
