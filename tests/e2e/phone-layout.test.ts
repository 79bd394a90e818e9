/**
 * Every page at phone width (390×844), as an owner sees it with the demo data: a screenshot of each to
 * .data/screenshots/phone/ for people to look at, and the layout checked for what a person on a phone
 * trips over (issue #15 item 8): nothing wider than the screen (wide tables may scroll inside their own
 * box), no select narrower than its longest option ("owr" for "owner"), no control whose text is cut, and
 * no email address broken mid-word.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { appSql, baseUrl, signInBrowser } from "../helpers/app";
import { insertChannelWithDeliveries } from "../helpers/alert-channels";
import { launchBrowser } from "../helpers/browser";

const PHONE = { width: 390, height: 844 };
const dir = path.join(process.cwd(), ".data", "screenshots", "phone");

/** Every page route (app/**\/page.tsx), with demo data in it. */
const PAGES: [name: string, url: string][] = [
  ["board", "/"],
  ["service", "/services/cryptopulse"],
  ["service-settings", "/services/cryptopulse/settings"],
  ["thresholds", "/services/cryptopulse/thresholds"],
  ["uptime", "/services/cryptopulse/uptime"],
  ["history", "/services/cryptopulse/history"],
  ["recovery", "/services/trailbase/recovery"],
  ["recovery-cryptopulse", "/services/cryptopulse/recovery"],
  ["new-service", "/services/new"],
  ["teams", "/teams"],
  ["new-team", "/teams/new"],
  ["team", "/teams/platform"],
  ["tokens", "/teams/platform/tokens"],
  ["audit", "/teams/platform/audit"],
  ["notifications", "/teams/platform/notifications"],
  ["waivers", "/teams/platform/waivers"],
  ["status-page-settings", "/teams/platform/status-page"],
  ["templates", "/templates"],
];
/** The pages whose layout changed for phones, in dark mode as well. */
const DARK_PAGES: [name: string, url: string][] = [
  ["board", "/"],
  ["service", "/services/cryptopulse"],
  ["team", "/teams/platform"],
  ["recovery", "/services/trailbase/recovery"],
  ["notifications", "/teams/platform/notifications"],
  ["status-page", "/status/platform"],
];
/** The pages that refuse a viewer (403), as a viewer sees them. */
const VIEWER_PAGES: [name: string, url: string][] = [
  ["forbidden-new-team", "/teams/new"],
  ["forbidden-new-service", "/services/new"],
  ["forbidden-audit", "/teams/platform/audit"],
  ["viewer-team", "/teams/platform"],
  ["viewer-service", "/services/cryptopulse"],
];
const SIGNED_OUT_PAGES: [name: string, url: string][] = [
  ["signin", "/signin"],
  ["check-email", "/signin/check-email"],
  ["signin-error", "/signin/error?error=Verification"],
  ["refused", "/signin/refused"],
  ["invitation", "/invite/not-a-real-token"],
  ["status-page", "/status/platform"],
];

interface LayoutProblem {
  kind: "wider than the screen" | "select narrower than its longest option" | "cut text" | "email broken mid-word" | "unnamed scroll box";
  what: string;
  detail: string;
}

/** Runs in the page: every problem found, described so a failure says which element and by how much. */
function findLayoutProblems(): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el: Element) => {
    const name = el.getAttribute("aria-label") ?? (el as HTMLElement).innerText?.trim().slice(0, 60) ?? "";
    const classes = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}` : "";
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes}> ${name}`.trim();
  };
  const visible = (el: Element) => {
    // checkVisibility: also false inside a closed <details>, whose content is laid out but not shown.
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  /** Inside a box that scrolls or clips sideways (a wide table's wrapper): its own width is what counts. */
  const inSidewaysBox = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const isSrOnly = (el: Element) => {
    for (let p: Element | null = el; p; p = p.parentElement) if (p.classList.contains("sr-only")) return true;
    return false;
  };

  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    if (!visible(el) || isSrOnly(el) || inSidewaysBox(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 || r.left < -1) problems.push({ kind: "wider than the screen", what: describe(el), detail: `spans ${Math.round(r.left)}–${Math.round(r.right)} px of ${vw}` });
  }

  const canvas = document.createElement("canvas").getContext("2d")!;
  for (const select of Array.from(document.querySelectorAll("select"))) {
    if (!visible(select)) continue;
    const s = getComputedStyle(select);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const longest = Math.max(...Array.from(select.options).map((o) => canvas.measureText(o.text).width));
    // Room for the text: the box minus its padding and borders (the arrow sits in the right padding).
    const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (longest > room + 1) problems.push({ kind: "select narrower than its longest option", what: describe(select), detail: `${Math.round(room)} px for ${Math.round(longest)} px of text` });
    // The padding leaves out the arrow Chromium draws inside it: the same select left to size itself
    // (to its longest option, arrow and all) is the width it needs.
    const probe = select.cloneNode(true) as HTMLSelectElement;
    probe.removeAttribute("id");
    probe.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;width:auto;min-width:0;max-width:none";
    select.parentElement!.appendChild(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    const has = select.getBoundingClientRect().width;
    if (has + 1 < needed) problems.push({ kind: "select narrower than its longest option", what: describe(select), detail: `${Math.round(has)} px wide, its longest option needs ${Math.round(needed)} px` });
  }

  // A box that scrolls sideways is a named region, so keyboard and screen reader users find and scroll it.
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    if (!visible(el)) continue;
    const x = getComputedStyle(el).overflowX;
    if ((x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1 && !(el.getAttribute("role") === "region" && el.getAttribute("aria-label") && el.getAttribute("tabindex") === "0"))
      problems.push({ kind: "unnamed scroll box", what: describe(el), detail: `${el.scrollWidth} px of content in ${el.clientWidth} px` });
  }

  // Text shortened with an ellipsis anywhere keeps its whole self in a title.
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    if (!visible(el) || isSrOnly(el)) continue;
    if (getComputedStyle(el).textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("title") && !el.closest("[title]"))
      problems.push({ kind: "cut text", what: describe(el), detail: `${el.scrollWidth} px of text in ${el.clientWidth} px, no title` });
  }

  for (const el of Array.from(document.querySelectorAll("button, a, label, input[type=submit], summary, th, [role=tab]"))) {
    if (!visible(el) || isSrOnly(el)) continue;
    const s = getComputedStyle(el);
    const clips = s.overflowX !== "visible" || s.textOverflow === "ellipsis" || s.whiteSpace === "nowrap";
    if (clips && el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("title")) problems.push({ kind: "cut text", what: describe(el), detail: `${el.scrollWidth} px of text in ${el.clientWidth} px` });
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !visible(parent) || isSrOnly(parent) || parent.closest("option, script, style, textarea")) continue;
    for (const match of (node.textContent ?? "").matchAll(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      // An address longer than its whole box has to break; any shorter one must stay on one line.
      const box = parent.closest("td, li, p, div, span")?.getBoundingClientRect().width ?? vw;
      if (lines.size > 1 && range.getBoundingClientRect().width < box) problems.push({ kind: "email broken mid-word", what: match[0], detail: `on ${lines.size} lines in ${describe(parent)}` });
    }
  }
  return problems;
}

async function checkPage(page: Page, name: string, url: string) {
  const res = await page.goto(`${baseUrl()}${url}`);
  expect(res?.status(), url).toBeLessThan(500);
  await page.locator("main h1").first().waitFor();
  await checkOpenPage(page, name);
}

/** The screenshot and the checks of the page as it is now. */
async function checkOpenPage(page: Page, name: string) {
  const url = new URL(page.url()).pathname;
  // Hydrated (a scroll box names itself from an effect) and in its final fonts.
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  expect(await page.evaluate(findLayoutProblems), `layout problems on ${url} at 390 px`).toEqual([]);
}

describe("every page at phone width", () => {
  let owner: BrowserContext;
  let viewer: BrowserContext;
  let dark: BrowserContext;
  let visitor: BrowserContext;
  let removeChannel: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    owner = await launchBrowser({ viewport: PHONE });
    await signInBrowser(owner, "owner@example.com");
    dark = await launchBrowser({ viewport: PHONE, colorScheme: "dark" });
    await signInBrowser(dark, "owner@example.com");
    viewer = await launchBrowser({ viewport: PHONE });
    await signInBrowser(viewer, "viewer@example.com");
    visitor = await launchBrowser({ viewport: PHONE });
    // The team page with a pending invitation, as people will have one.
    await appSql(
      `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "expiresAt")
       SELECT 'inv_phone_layout', id, 'a.rather.long.name@subsidiary.example.com', 'reviewer'::"Role", 'hash-phone-layout', now() + interval '6 days'
       FROM "Team" WHERE slug = 'platform' ON CONFLICT DO NOTHING`,
    );
    // The notifications page with channels (a webhook with deliveries, an email one with a long address),
    // and the service page with an open and an upcoming maintenance window.
    removeChannel = await insertChannelWithDeliveries("ch_phone_layout", "On-call relay for the platform team");
    await appSql(
      `INSERT INTO "AlertChannel" (id, "teamId", type, name, emails, "memberRoles", "updatedAt")
       SELECT 'ch_phone_layout_mail', id, 'email', 'Mail to the operations list', ARRAY['a.rather.long.name@subsidiary.example.com'], ARRAY['owner']::"Role"[], now()
       FROM "Team" WHERE slug = 'platform'`,
    );
    await appSql(
      `INSERT INTO "MaintenanceWindow" (id, "serviceId", "startsAt", "endsAt", reason)
       SELECT 'mw_phone_open', id, now() - interval '20 minutes', now() + interval '70 minutes', 'Rotating the TLS certificate of the public API' FROM "Service" WHERE slug = 'cryptopulse'
       UNION ALL
       SELECT 'mw_phone_next', id, now() + interval '1 day', now() + interval '1 day 2 hours', 'Kernel patch' FROM "Service" WHERE slug = 'cryptopulse'`,
    );
  });
  afterAll(async () => {
    await removeChannel?.();
    await appSql(`DELETE FROM "AlertChannel" WHERE id = 'ch_phone_layout_mail'`);
    await appSql(`DELETE FROM "MaintenanceWindow" WHERE id IN ('mw_phone_open', 'mw_phone_next')`);
    await appSql(`DELETE FROM "Invitation" WHERE id = 'inv_phone_layout'`);
    await owner?.close();
    await viewer?.close();
    await dark?.close();
    await visitor?.close();
  });

  it("the lists hold every page of the app", () => {
    const urls = [...PAGES, ...VIEWER_PAGES, ...SIGNED_OUT_PAGES].map(([, url]) => url.split("?")[0]!);
    const routes = readdirSync(path.join(process.cwd(), "app"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith("page.tsx"))
      .map((f) => `/${path.dirname(f).split(path.sep).filter((s) => s !== "." && !s.startsWith("(")).join("/")}`);
    const uncovered = routes.filter((route) => {
      const pattern = new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
      return !urls.some((u) => pattern.test(u));
    });
    expect(routes.length).toBeGreaterThan(15);
    expect(uncovered, "pages missing from the phone-layout lists").toEqual([]);
  });

  for (const [name, url] of PAGES) {
    it(`${url} fits a phone`, async () => {
      const page = await owner.newPage();
      await checkPage(page, name, url);
      await page.close();
    });
  }
  for (const [name, url] of VIEWER_PAGES) {
    it(`${url} fits a phone (as a viewer)`, async () => {
      const page = await viewer.newPage();
      await checkPage(page, name, url);
      await page.close();
    });
  }
  it("a checklist item's history, opened, fits a phone", async () => {
    const page = await owner.newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse`);
    // An item's details (guidance, evidence, its history) open under it.
    const details = page.getByRole("button", { name: /^Details: / }).first();
    await details.click();
    const region = page.locator(`[id="${await details.getAttribute("aria-controls")}"]`);
    await region.locator("summary", { hasText: "History" }).click();
    const opened = region.locator("details[open]").last();
    await opened.getByRole("listitem").first().or(opened.getByText("No changes recorded yet")).waitFor();
    await checkOpenPage(page, "item-history");
    await page.close();
  });
  for (const [name, url] of SIGNED_OUT_PAGES) {
    it(`${url} fits a phone (signed out)`, async () => {
      const page = await visitor.newPage();
      await checkPage(page, name, url);
      await page.close();
    });
  }

  it("the backup log's Outcome column is on screen without scrolling the log sideways", async () => {
    const page = await owner.newPage();
    await page.goto(`${baseUrl()}/services/trailbase/recovery`);
    const log = page.locator("table", { has: page.locator("caption", { hasText: "Backup and restore log" }) });
    const heading = log.locator("th", { hasText: /^Outcome$/ });
    const outcome = log.locator("tbody tr").first().locator("td").nth(1);
    expect(await outcome.textContent()).toMatch(/Succeeded|Failed|Started/);
    for (const el of [heading, outcome]) {
      // laid out (a live refresh may be re-rendering the log): a box of null would mean "not shown"
      await el.waitFor({ state: "visible" });
      const box = (await el.boundingBox())!;
      expect(box.x + box.width, "right edge of the Outcome column").toBeLessThanOrEqual(PHONE.width);
    }
    await page.close();
  });

  for (const [name, url] of DARK_PAGES) {
    it(`${url} fits a phone in dark mode`, async () => {
      const page = await dark.newPage();
      await checkPage(page, `${name}-dark`, url);
      await page.close();
    });
  }

  it("the board's filters fold behind one button, so the services start on the first screen", async () => {
    const page = await owner.newPage();
    await page.goto(`${baseUrl()}/`);
    const toggle = page.getByRole("button", { name: /^Filters/ });
    await toggle.waitFor();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    const firstService = page.getByRole("link", { name: "CryptoPulse", exact: true });
    const box = await firstService.boundingBox();
    expect(box && box.y + box.height, "the first service on the first screen").toBeLessThanOrEqual(PHONE.height);
    const panel = page.locator(`[id="${await toggle.getAttribute("aria-controls")}"]`);
    expect(await panel.getByRole("search", { name: "Filter services" }).isVisible()).toBe(false);
    // By keyboard: focused and opened with Enter, the filters it controls are shown.
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await panel.getByRole("searchbox").waitFor();
    await page.close();
  });
});
