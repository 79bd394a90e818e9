/**
 * The audit log in words (Chromium): a checklist change names its service and item (as links), an RTO
 * change reads "15 min", the log filters by service, and the item's own History shows the same change
 * to a viewer. A service of its own, so no other test's entries or demo data are touched.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { apiCall, appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const owner = signedInBrowser("owner@example.com");
const viewer = signedInBrowser("viewer@example.com");
const SLUG = "audit-words";
let token = "";
let itemKey = "";

const api = (method: string, path: string, body?: unknown) => apiCall(token, method, path, body);

beforeAll(async () => {
  token = (await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" })).secret;
  expect((await api("POST", "/api/v1/services", { name: "Audit Words", slug: SLUG, team: "platform" })).status).toBe(201);
  const added = await api("POST", `/api/v1/services/${SLUG}/checklist`, { title: "TLS everywhere", severity: "critical" });
  expect(added.status).toBe(201);
  itemKey = added.body!.item.key;
  expect((await api("POST", `/api/v1/services/${SLUG}/rto-targets`, { component: "Database", rtoSeconds: 600 })).status).toBe(201);
  expect((await api("POST", `/api/v1/services/${SLUG}/rto-targets`, { component: "Database", rtoSeconds: 900 })).status).toBe(200);
});

const rows = (page: import("playwright-core").Page) => page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr");
const normalise = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

describe("the audit log in words (Chromium)", () => {
  it("names the service and the item of a checklist change, links them, and shows an RTO change in minutes", async () => {
    const page = await owner().newPage();
    // Ticked in the UI, as a person does.
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const box = page.getByRole("checkbox", { name: "TLS everywhere", exact: true });
    await page.waitForFunction((el) => !(el as HTMLInputElement).disabled, await box.elementHandle());
    const saved = page.waitForResponse((r) => r.url().includes(`/checklist/${itemKey}`) && r.request().method() === "PATCH");
    await box.check();
    expect((await saved).status()).toBe(200);

    await page.goto(`${baseUrl()}/teams/platform/audit?service=${SLUG}`);
    const tick = rows(page).filter({ hasText: "marked" }).first();
    expect(normalise(await tick.locator("td").nth(1).locator("> span").first().textContent())).toBe("Olive Owner marked “TLS everywhere” done on Audit Words");
    expect(await tick.getByRole("link", { name: "“TLS everywhere”" }).getAttribute("href")).toBe(`/services/${SLUG}#item-${itemKey}`);
    expect(await tick.getByRole("link", { name: "Audit Words" }).getAttribute("href")).toBe(`/services/${SLUG}`);
    // No version counter, no raw snapshot.
    expect(await tick.textContent()).not.toMatch(/version|\{/);

    const rto = rows(page).filter({ hasText: "changed the RTO target of Database" });
    expect(await rto.count()).toBe(1);
    expect((await rto.locator("li").allTextContents()).map(normalise)).toEqual(["RTO: 10 min → changed to 15 min"]);
    expect(await rto.textContent()).not.toContain("rtoSeconds");
    expect(await rows(page).filter({ hasText: "set an RTO target for Database" }).locator("li").first().textContent()).toBe("RTO: 10 min");
    await page.close();
  });

  it("filters by service from the form, with only the chosen filter in the URL", async () => {
    // An entry of another service of the team, to be filtered out.
    await appSql(
      `INSERT INTO "AuditEvent" ("teamId", "serviceId", "actorUserId", "actorEmail", via, action, "targetType", "targetId", after)
       SELECT "teamId", id, (SELECT id FROM "User" WHERE email = 'editor@example.com'), 'editor@example.com', 'ui', 'e2e.audit.filter', 'service', slug, '{"note":"other service"}'::jsonb
       FROM "Service" WHERE slug = 'trailbase'`,
    );
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/teams/platform/audit`);
    await rows(page).filter({ hasText: "e2e audit filter" }).first().waitFor();
    const form = page.getByRole("form", { name: "Filter the audit log" });
    await form.getByLabel("Service").selectOption(SLUG);
    await form.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(`${baseUrl()}/teams/platform/audit?service=${SLUG}`);
    await rows(page).first().waitFor();
    const texts = (await rows(page).locator("td:nth-child(2) > span:first-child").allTextContents()).map(normalise);
    expect(texts.length).toBeGreaterThanOrEqual(4);
    for (const t of texts) expect(t).toMatch(/Audit Words/);
    expect(texts.some((t) => t.includes("e2e audit filter"))).toBe(false);
    await page.goto(`${baseUrl()}/teams/platform/audit?service=trailbase`);
    expect(normalise(await rows(page).filter({ hasText: "e2e audit filter" }).first().locator("td").nth(1).locator("> span").first().textContent())).toBe(
      "Eddie Editor recorded “e2e audit filter” on TrailBase",
    );
    await page.close();
  });

  it("a viewer opens an item's History and reads who changed it, when", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const loaded = page.waitForResponse((r) => r.url().endsWith(`/checklist/${itemKey}/history`) && r.status() === 200);
    // History sits in the item's Details panel; its summary reads "History: TLS everywhere" to screen readers.
    await page.getByRole("button", { name: "Details: TLS everywhere" }).click();
    await page.locator("summary").filter({ hasText: "History: TLS everywhere" }).click();
    await loaded;
    const list = page.getByRole("list", { name: "History of TLS everywhere, newest first" });
    await list.waitFor();
    const entries = (await list.locator("> li").allTextContents()).map(normalise);
    // textContent runs the blocks together: the moment, the sentence, then each changed field.
    expect(entries[0]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC ?Olive Owner marked it done$/);
    expect(entries.at(-1)).toMatch(/UTC ?Olive Owner added it as a custom item ?Severity: critical ?Required: yes$/);
    await page.close();
  });
});
