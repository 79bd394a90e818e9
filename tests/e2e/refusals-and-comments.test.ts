/**
 * Refusals that say what is needed, and reviewers' notes on checklist items, in Chromium:
 * - a viewer opening /services/new gets a 403 page naming the role it needs and theirs (not "Not found");
 *   /teams/new and a team's audit log refuse the same way;
 * - a reviewer comments on an item (shown with author and time, kept after reload) and the item stays as
 *   it was; a viewer reads the comment but has nothing to write with.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { appSql, baseUrl, signedInBrowser, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

const owner = signedInBrowser("owner@example.com");
const editor = signedInBrowser("editor@example.com");
const reviewer = signedInBrowser("reviewer@example.com");
const viewer = signedInBrowser("viewer@example.com");

async function visit(ctx: BrowserContext, url: string) {
  const page = await ctx.newPage();
  const res = await page.goto(`${baseUrl()}${url}`);
  return { page, status: res!.status() };
}

describe("refusal pages", () => {
  it("a viewer opening /services/new sees which role is needed (403), with a way back", async () => {
    const { page, status } = await visit(viewer(), "/services/new");
    expect(status).toBe(403);
    expect(await page.title()).toBe("Not allowed · Preflight");
    const main = page.getByRole("main");
    expect(await main.getByRole("heading", { level: 1 }).textContent()).toBe("Registering a service needs the editor role");
    await main.getByText("Registering a service needs the owner or editor role in its team.").waitFor();
    expect(await main.getByTestId("your-roles").textContent()).toBe("You are a viewer in Platform.");
    expect(await main.getByText("Not found").count()).toBe(0);
    await main.getByRole("link", { name: "Back to the board" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.close();
  });

  it("an owner still gets the form", async () => {
    const { page, status } = await visit(owner(), "/services/new");
    expect(status).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("New service");
    await page.close();
  });

  it("/teams/new and the audit log refuse members without the role the same way; strangers still get 404", async () => {
    const team = await visit(editor(), "/teams/new");
    expect(team.status).toBe(403);
    expect(await team.page.getByRole("heading", { level: 1 }).textContent()).toBe("Creating a team needs an instance admin");
    await team.page.close();

    const audit = await visit(editor(), "/teams/platform/audit");
    expect(audit.status).toBe(403);
    expect(await audit.page.title()).toBe("Not allowed · Preflight");
    expect(await audit.page.getByRole("heading", { level: 1 }).textContent()).toBe("The audit log is for the team's owners");
    expect(await audit.page.getByTestId("your-roles").textContent()).toBe("You are an editor in Platform.");
    await audit.page.close();

    const unknown = await visit(editor(), "/teams/no-such-team/audit");
    expect(unknown.status).toBe(404);
    await unknown.page.close();
  });

  it("writes screenshots of the refusal page (phone, light and dark) to .data/screenshots/", async () => {
    const dir = path.join(process.cwd(), ".data", "screenshots");
    mkdirSync(dir, { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      const ctx = await launchBrowser({ colorScheme, viewport: { width: 390, height: 844 } });
      await signInBrowser(ctx, "viewer@example.com");
      const { page } = await visit(ctx, "/services/new");
      await page.screenshot({ path: path.join(dir, `refusal-new-service-phone-${colorScheme}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ctx.close();
    }
  });
});

describe("comments on checklist items", () => {
  it("a reviewer comments on an item without changing it; the comment stays, with author and time, and viewers read it", async () => {
    const [item] = await appSql<{ key: string; title: string; state: string; version: number }>(
      `SELECT i.key, i.title, i.state::text AS state, i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
       WHERE s.slug = 'glasswork' AND i."archivedAt" IS NULL AND i.state = 'open' ORDER BY i.position LIMIT 1`,
    );
    const page = await reviewer().newPage();
    await page.goto(`${baseUrl()}/services/glasswork`);
    await page.getByText("Your role can read this checklist but not change it; you can comment on its items (in Details).").waitFor();
    const box = page.getByRole("checkbox", { name: item!.title, exact: true });
    expect(await box.isDisabled()).toBe(true);
    // the comment form sits in the item's Details, with its note and evidence
    await page.getByRole("button", { name: `Details: ${item!.title}`, exact: true }).click();
    await page.getByRole("button", { name: `Comment on ${item!.title}` }).click();
    const field = page.getByRole("textbox", { name: "Comment on this item" });
    await field.fill("The runbook link in the wiki is dead; the new one is in the repo.");
    const saved = page.waitForResponse((r) => r.url().endsWith(`/checklist/${item!.key}/comments`) && r.request().method() === "POST");
    await page.getByRole("button", { name: "Save comment" }).click();
    expect((await saved).status()).toBe(201);
    const list = page.getByRole("list", { name: `Comments on ${item!.title}` });
    await list.getByText("The runbook link in the wiki is dead; the new one is in the repo.").waitFor();
    expect(await list.getByRole("listitem").first().textContent()).toMatch(/^Rita Reviewer · \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);

    await page.reload();
    // the compact row counts the comments; Details shows them
    const row = page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: item!.title, exact: true }) });
    await row.getByText("1 comment", { exact: true }).waitFor();
    await page.getByRole("button", { name: `Details: ${item!.title}`, exact: true }).click();
    await page.getByRole("list", { name: `Comments on ${item!.title}` }).getByText("The runbook link in the wiki is dead; the new one is in the repo.").waitFor();
    const [after] = await appSql<{ state: string; version: number }>(
      `SELECT i.state::text AS state, i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'glasswork' AND i.key = $1`,
      [item!.key],
    );
    expect(after).toEqual({ state: item!.state, version: item!.version });
    const audit = await appSql<{ actorEmail: string }>(`SELECT "actorEmail" FROM "AuditEvent" WHERE action = 'checklist.comment' AND "targetId" = $1`, [`glasswork/${item!.key}`]);
    expect(audit).toEqual([{ actorEmail: "reviewer@example.com" }]);

    const dir = path.join(process.cwd(), ".data", "screenshots");
    mkdirSync(dir, { recursive: true });
    await row.screenshot({ path: path.join(dir, "item-comment.png") });
    await page.close();

    const v = await viewer().newPage();
    await v.goto(`${baseUrl()}/services/glasswork`);
    await v.getByRole("button", { name: `Details: ${item!.title}`, exact: true }).click();
    await v.getByRole("list", { name: `Comments on ${item!.title}` }).getByText("The runbook link in the wiki is dead; the new one is in the repo.").waitFor();
    expect(await v.getByRole("button", { name: /^Comment on / }).count()).toBe(0);
    await v.close();
  });
});
