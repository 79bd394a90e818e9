/**
 * The board's search and filters (issue #13 part 6): search by name, slug, description, tag and team
 * owner; filters that apply on change (typing after a pause), with the keyboard; tier as a filter and
 * an order; tag and tier chips that lead to their filter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const viewer = signedInBrowser("viewer@example.com");

beforeAll(async () => {
  await appSql(`INSERT INTO "Team" (id, slug, name) VALUES ('team_srch', 'search-squad', 'Search Squad')`);
  await appSql(`INSERT INTO "User" (id, email, name) VALUES ('usr_grace', 'grace.owner@example.org', 'Grace Hopper')`);
  await appSql(
    `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ('mem_grace', 'team_srch', 'usr_grace', 'owner'),
       ('mem_srch_viewer', 'team_srch', (SELECT id FROM "User" WHERE email = 'viewer@example.com'), 'viewer')`,
  );
  await appSql(
    `INSERT INTO "Service" (id, "teamId", slug, name, description, tier, tags, "updatedAt") VALUES
       ('svc_srch_a', 'team_srch', 'aardvark-relay', 'Aardvark Relay', 'Forwards quokka events to the ledger', 4, ARRAY['xylophone'], now()),
       ('svc_srch_z', 'team_srch', 'zebra-store', 'Zebra Store', 'Keeps numbats', 1, ARRAY['xylophone', 'wombat'], now())`,
  );
});
afterAll(async () => {
  await appSql(`DELETE FROM "Service" WHERE id IN ('svc_srch_a', 'svc_srch_z')`);
  await appSql(`DELETE FROM "Team" WHERE id = 'team_srch'`);
  await appSql(`DELETE FROM "User" WHERE id = 'usr_grace'`);
});

/** The card names on the board once they are `names` (the board streams in after its loading state). */
async function cardsAre(page: Page, names: string[]) {
  const joined = names.join("|");
  await page
    .waitForFunction((n) => [...document.querySelectorAll("h3")].map((h) => h.textContent).join("|") === n, joined, { timeout: 10_000 })
    .catch(() => {});
  expect(await page.locator("h3").allTextContents()).toEqual(names);
}

/** A filter field's value, once the page has caught up with the URL. */
async function fieldIs(page: Page, name: string, value: string) {
  await page.waitForFunction(([n, v]) => (document.querySelector(`[name="${n}"]`) as HTMLInputElement | null)?.value === v, [name, value], { timeout: 10_000 }).catch(() => {});
  expect(await page.locator(`form[role=search] [name="${name}"]`).inputValue()).toBe(value);
}

async function searchFor(page: Page, text: string) {
  const box = page.getByRole("search", { name: "Filter services" }).getByRole("searchbox", { name: "Search" });
  await box.fill(text);
  // No Apply click: the search applies after a pause in typing.
  await page.waitForURL((u) => u.searchParams.get("q") === text);
  await page.getByText(/ of \d+ services? match/).waitFor();
}

describe("board search and filters (Chromium)", () => {
  it("search finds a service by its name, slug, description, tag, or its team owner's name or email", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/`);
    const cases: [string, string[]][] = [
      ["aardVARK", ["Aardvark Relay"]], // name
      ["zebra-st", ["Zebra Store"]], // slug
      ["quokka", ["Aardvark Relay"]], // description
      ["womb", ["Zebra Store"]], // tag
      ["grace hop", ["Aardvark Relay", "Zebra Store"]], // owner's name
      ["grace.owner@", ["Aardvark Relay", "Zebra Store"]], // owner's email
    ];
    for (const [q, names] of cases) {
      await searchFor(page, q);
      await cardsAre(page, names);
    }
    await searchFor(page, "no-such-thing-anywhere");
    await page.getByText("No service matches these filters").waitFor();
    await page.close();
  });

  it("filters apply on change with the keyboard alone, and the focus stays in place", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/`);
    const form = page.getByRole("search", { name: "Filter services" });
    await form.getByRole("searchbox", { name: "Search" }).focus();
    await page.keyboard.type("xylo");
    await page.waitForURL(`${baseUrl()}/?q=xylo`);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("q");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("xylo");
    // A select applies as soon as the choice changes: keyboard focus, arrow key, no Apply.
    await form.getByRole("combobox", { name: "Tier" }).focus();
    await page.keyboard.press("ArrowDown"); // any → Tier 1
    await page.waitForURL(`${baseUrl()}/?q=xylo&tier=1`);
    await page.getByText(/^1 of \d+ services match$/).waitFor();
    await cardsAre(page, ["Zebra Store"]);
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe("tier");
    await page.close();
  });

  it("tier is an order: 1 (most critical) first, then by name", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/?team=search-squad`);
    await cardsAre(page, ["Aardvark Relay", "Zebra Store"]);
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("tier");
    await page.waitForURL(`${baseUrl()}/?team=search-squad&sort=tier`);
    await cardsAre(page, ["Zebra Store", "Aardvark Relay"]);
    await page.close();
  });

  it("a tag chip on a card leads to the board filtered by that tag, and the Tag field says so", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/?q=aardvark`);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Aardvark Relay", exact: true }) });
    await card.getByRole("link", { name: "Tag xylophone: show services tagged xylophone" }).click();
    await page.waitForURL(`${baseUrl()}/?tag=xylophone`);
    await cardsAre(page, ["Aardvark Relay", "Zebra Store"]);
    await fieldIs(page, "tag", "xylophone");
    await fieldIs(page, "q", "");
    // The tier chip leads to the tier filter the same way.
    await page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Zebra Store", exact: true }) }).getByRole("link", { name: "Tier 1: show tier 1 services" }).click();
    await page.waitForURL(`${baseUrl()}/?tier=1`);
    await fieldIs(page, "tier", "1");
    await fieldIs(page, "tag", "");
    await page.close();
  });
});
