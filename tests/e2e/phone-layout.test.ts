/**
 * Every page at phone width (390×844), as an owner sees it with the demo data: a screenshot of each to
 * .data/screenshots/phone/ for people to look at, and the layout checked for what a person on a phone
 * trips over (issue #15 item 8): nothing wider than the screen (wide tables may scroll inside their own
 * box), no select narrower than its longest option ("owr" for "owner"), no control whose text is cut, and
 * no email address broken mid-word.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { appSql, baseUrl, signInBrowser } from "../helpers/app";
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
  ["recovery", "/services/trailbase/recovery"],
  ["recovery-cryptopulse", "/services/cryptopulse/recovery"],
  ["new-service", "/services/new"],
  ["teams", "/teams"],
  ["new-team", "/teams/new"],
  ["team", "/teams/platform"],
  ["tokens", "/teams/platform/tokens"],
  ["audit", "/teams/platform/audit"],
  ["templates", "/templates"],
];
const SIGNED_OUT_PAGES: [name: string, url: string][] = [
  ["signin", "/signin"],
  ["check-email", "/signin/check-email"],
  ["signin-error", "/signin/error?error=Verification"],
  ["refused", "/signin/refused"],
  ["invitation", "/invite/not-a-real-token"],
];

interface LayoutProblem {
  kind: "wider than the screen" | "select narrower than its longest option" | "cut text" | "email broken mid-word";
  what: string;
  detail: string;
}

/** Runs in the page: every problem found, described so a failure says which element and by how much. */
function findLayoutProblems(): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el: Element) => {
    const name = el.getAttribute("aria-label") ?? (el as HTMLElement).innerText?.trim().slice(0, 60) ?? "";
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> ${name}`.trim();
  };
  const visible = (el: Element) => {
    const s = getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden") return false;
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
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  expect(await page.evaluate(findLayoutProblems), `layout problems on ${url} at 390 px`).toEqual([]);
}

describe("every page at phone width", () => {
  let owner: BrowserContext;
  let visitor: BrowserContext;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    owner = await launchBrowser({ viewport: PHONE });
    await signInBrowser(owner, "owner@example.com");
    visitor = await launchBrowser({ viewport: PHONE });
    // The team page with a pending invitation, as people will have one.
    await appSql(
      `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "expiresAt")
       SELECT 'inv_phone_layout', id, 'a.rather.long.name@subsidiary.example.com', 'reviewer'::"Role", 'hash-phone-layout', now() + interval '6 days'
       FROM "Team" WHERE slug = 'platform' ON CONFLICT DO NOTHING`,
    );
  });
  afterAll(async () => {
    await owner?.close();
    await visitor?.close();
  });

  for (const [name, url] of PAGES) {
    it(`${url} fits a phone`, async () => {
      const page = await owner.newPage();
      await checkPage(page, name, url);
      await page.close();
    });
  }
  for (const [name, url] of SIGNED_OUT_PAGES) {
    it(`${url} fits a phone (signed out)`, async () => {
      const page = await visitor.newPage();
      await checkPage(page, name, url);
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
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("searchbox").first().waitFor();
    await page.close();
  });
});
