/**
 * An automated WCAG 2.1 A/AA audit of every main page with axe-core (a maintained rule engine, not checks
 * of our own), in light and dark, at a desktop and a phone width, with everything folded away unfolded.
 * A failure lists, per page, colour scheme and width, each rule broken with its impact, the elements (CSS
 * selectors) and axe's summary of what is wrong with them.
 *
 * axe cannot judge everything the product promises (that status is never told by colour alone, that the
 * keyboard order makes sense): other e2e tests cover those where they matter.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import type { AxeResults, Result } from "axe-core";
import { generateSecret, hashSecret } from "@/lib/auth/tokens";
import { insertChannelWithDeliveries } from "../helpers/alert-channels";
import { appSql, baseUrl, insertToken, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

type Audit = {
  name: string;
  path: () => string;
  /** A selector to wait for before auditing: what the page draws last (client charts). */
  ready?: string;
  /** Audit at a phone width too. */
  phone?: boolean;
  /** false: a document without React (the public status page), so there is no hydration to wait for. */
  hydrates?: boolean;
  /** Brings the page into the state audited (client-side forms opened, an error shown). */
  interact?: (page: Page) => Promise<void>;
};
const audit = (path: string, opts: Omit<Audit, "name" | "path"> = {}): Audit => ({ name: path, path: () => path, ...opts });

let inviteToken = "";
let removeChannel: (() => Promise<void>) | undefined;
/** Pages of a visitor without a session. */
const SIGNED_OUT: Audit[] = [
  audit("/signin", { phone: true }),
  audit("/signin/check-email"),
  audit("/signin/error?error=Verification"),
  audit("/signin/refused"),
  { name: "a pending invitation", path: () => `/invite/${inviteToken}` },
  audit("/invite/not-a-real-token"),
  audit("/status/platform", { phone: true, hydrates: false }),
];

/** Pages a signed-in team owner sees (the role with the most controls on each page). */
const SIGNED_IN: Audit[] = [
  audit("/", { ready: '[aria-label="Hyperterse readiness score"]', phone: true }),
  audit("/?level=at-risk&sort=score", { phone: true }),
  audit("/?q=no-such-service"),
  audit("/services/cryptopulse", { phone: true, interact: openItemForms }),
  // Both filter toggles pressed, on a section whose items are all done: the "no item matches" state.
  audit("/services/cryptopulse?open=1&required=1&section=security"),
  audit("/services/cryptopulse/uptime", { ready: '[data-testid="latency-chart"] path.recharts-line-curve' }),
  audit("/services/cryptopulse/history"),
  audit("/services/cryptopulse/thresholds"),
  audit("/services/cryptopulse/recovery", { ready: ".recharts-surface" }),
  audit("/services/new"),
  audit("/teams/platform"),
  audit("/teams/platform/status-page"),
  audit("/teams/platform/tokens"),
  audit("/teams/platform/audit"),
  // A channel with deliveries in every state, and its edit form beside the add form.
  audit("/teams/platform/notifications", { phone: true }),
  audit("/teams/platform/notifications?edit=chn_a11y"),
  audit("/templates"),
  audit("/services/does-not-exist"),
  audit("/no-such-page"),
];

/** A checklist item's N/A form showing its "needs a reason" error, another item's note form, a third's comment form. */
async function openItemForms(page: Page) {
  await page.getByRole("button", { name: /^Details: / }).first().click();
  await page.getByRole("button", { name: /^Mark N\/A: / }).first().click();
  await page.getByRole("button", { name: "Mark N/A", exact: true }).click();
  await page.getByRole("alert").filter({ hasText: "Marking an item N/A needs a reason." }).waitFor();
  const second = page.getByRole("button", { name: /^Details: / }).nth(1);
  const title = (await second.getAttribute("aria-label"))!.slice("Details: ".length);
  await second.click();
  await page.getByRole("button", { name: `Note / evidence: ${title}`, exact: true }).click();
  await page.getByRole("textbox", { name: "Evidence link" }).waitFor();
  // comments sit in an item's Details, beside its note and evidence
  const third = page.getByRole("button", { name: /^Details: / }).nth(2);
  const thirdTitle = (await third.getAttribute("aria-label"))!.slice("Details: ".length);
  await third.click();
  await page.getByRole("button", { name: `Comment on ${thirdTitle}`, exact: true }).click();
  await page.getByRole("textbox", { name: "Comment on this item" }).waitFor();
}

/** One browser, with axe loaded into every page it opens, and the one page it reuses. */
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  ctx = await launchBrowser();
  await ctx.addInitScript({ path: AXE_SCRIPT });
  page = await ctx.newPage();
  // A pending invitation: it fills the team page's invitations table and gives a real invitation page.
  // Stored directly (as the app stores it: the token's hash), so no audit event or email of this file's
  // reaches the pages other tests read.
  inviteToken = generateSecret();
  await appSql(
    `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "expiresAt")
     SELECT 'inv_a11y', id, 'a11y.invitee@example.org', 'viewer', $1, now() + interval '7 days' FROM "Team" WHERE slug = 'platform'`,
    [hashSecret(inviteToken)],
  );
  // A token for the tokens table (and its revoke confirmation).
  await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "viewer" });
  // An audit event whose change (a long unbroken URL) widens the log's table past the page.
  await appSql(
    `INSERT INTO "AuditEvent" ("teamId", "actorEmail", via, action, "targetType", "targetId", before, after, ip)
     SELECT id, 'editor@example.com', 'ui', 'checklist.item.update', 'checklistItem', 'cryptopulse/backup-restore', $1, $2, '127.0.0.1' FROM "Team" WHERE slug = 'platform'`,
    [{ evidenceUrl: null }, { evidenceUrl: "https://wiki.example.org/runbooks/cryptopulse/backup-restore-drill-results-and-follow-up-actions-for-the-fourth-quarter" }],
  );
  removeChannel = await insertChannelWithDeliveries("chn_a11y", "A11y relay");
});
afterAll(async () => {
  await ctx?.close();
  await appSql(`DELETE FROM "Invitation" WHERE id = 'inv_a11y'`);
  await removeChannel?.();
});

const NODES_SHOWN = 5;

/** axe's findings as lines a person can act on: rule, impact, what is wrong, then the first elements. */
function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, NODES_SHOWN).map((n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n\s*/g, "\n      ")}`);
      const more = v.nodes.length > NODES_SHOWN ? [`    … and ${v.nodes.length - NODES_SHOWN} more elements`] : [];
      return [`  ${v.id} (${v.impact ?? "no impact"}): ${v.help}`, ...nodes, ...more].join("\n");
    })
    .join("\n");
}

/** Waits for two frames: what a resize or an opened <details> changes (ResizeObserver, a re-render) is drawn. */
const settle = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)))));

async function load({ path, ready, interact, hydrates = true }: Audit) {
  await page.goto(`${baseUrl()}${path()}`);
  await page.locator("main h1").first().waitFor();
  if (ready) await page.locator(ready).first().waitFor({ state: "attached" });
  // Client components have hydrated and no loading skeleton or client query is pending, so the page is
  // audited as people use it. React marks each element it hydrated with a __reactFiber$… property: should
  // that name change, this wait times out rather than auditing too early.
  if (hydrates) {
    await page.waitForFunction(() => {
      const h1 = document.querySelector("main h1");
      return h1 && Object.keys(h1).some((k) => k.startsWith("__reactFiber")) && !document.querySelector('[aria-busy="true"], [role="status"].animate-pulse');
    });
  }
  await interact?.(page);
  // Everything folded away (tables behind "Show as table", confirmations, forms, disclosure buttons such
  // as a checklist item's details) is audited too.
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('main button[aria-expanded="false"][aria-controls]').forEach((b) => b.click()));
  await settle(page);
}

async function runAxe(): Promise<string> {
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    WCAG_TAGS,
  );
  return describeViolations(results.violations);
}

/**
 * The page's violations in light and dark, at desktop width and (if asked) phone width. The page is loaded
 * once: the colour scheme and the width change on the loaded page as they do when a person changes them
 * (the pages read neither in JavaScript; CSS and client layout such as charts and scroll boxes follow).
 */
async function auditPage(target: Audit): Promise<string[]> {
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(DESKTOP);
  await load(target);
  const found: string[] = [];
  const check = async (where: string) => {
    await settle(page);
    const violations = await runAxe();
    if (violations) found.push(`${where}:\n${violations}`);
  };
  await check("light, desktop width");
  await page.emulateMedia({ colorScheme: "dark" });
  await check("dark, desktop width");
  if (target.phone) {
    await page.setViewportSize(PHONE);
    await check("dark, phone width");
    await page.emulateMedia({ colorScheme: "light" });
    await check("light, phone width");
  }
  return found;
}

function auditAll(targets: Audit[]) {
  for (const target of targets) {
    it(`${target.name} has no violations`, async () => {
      const found = await auditPage(target);
      if (found.length) throw new Error(`${target.name} breaks WCAG 2.1 A/AA rules in\n${found.join("\n")}`);
    });
  }
}

describe("WCAG 2.1 A/AA audit with axe-core, light and dark (Chromium)", () => {
  describe("signed out", () => auditAll(SIGNED_OUT));
  describe("signed in as a team owner", () => {
    beforeAll(async () => {
      await signInBrowser(ctx, "owner@example.com");
    });
    auditAll(SIGNED_IN);
  });
});
