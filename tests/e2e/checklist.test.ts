import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");

async function boardScore(page: Page, name: string): Promise<number> {
  await page.goto(`${baseUrl()}/`);
  const bar = page.getByRole("progressbar", { name: `${name} readiness score` });
  await bar.waitFor();
  return Number(await bar.getAttribute("aria-valuenow"));
}

async function openItem(slug: string) {
  const [row] = await appSql<{ title: string; key: string }>(
    `SELECT i.title, i.key FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
     WHERE s.slug = $1 AND i.state = 'open' AND i.required AND i.severity = 'critical' ORDER BY i.position LIMIT 1`,
    [slug],
  );
  return row!;
}

describe("ticking the checklist (Chromium)", () => {
  it("an editor ticks an item; it stays ticked after reload and the board score moves", async () => {
    const page = await editor().newPage();
    const before = await boardScore(page, "TrailBase");
    const item = await openItem("trailbase");

    await page.goto(`${baseUrl()}/services/trailbase`);
    const box = page.getByRole("checkbox", { name: item.title, exact: true });
    expect(await box.isChecked()).toBe(false);
    const saved = page.waitForResponse((r) => r.url().includes(`/checklist/${item.key}`) && r.request().method() === "PATCH");
    await box.check();
    expect((await saved).status()).toBe(200);
    expect(await box.isChecked()).toBe(true);

    await page.reload();
    expect(await page.getByRole("checkbox", { name: item.title, exact: true }).isChecked()).toBe(true);
    const after = await boardScore(page, "TrailBase");
    expect(after).toBeGreaterThan(before);

    const audit = await appSql<{ actorEmail: string; before: { state: string }; after: { state: string } }>(
      `SELECT "actorEmail", before, after FROM "AuditEvent" WHERE action = 'checklist.update' AND "targetId" = $1`,
      [`trailbase/${item.key}`],
    );
    expect(audit).toEqual([{ actorEmail: "editor@example.com", before: expect.objectContaining({ state: "open" }), after: expect.objectContaining({ state: "done" }) }]);
  });

  it("works with the keyboard alone", async () => {
    const page = await editor().newPage();
    const item = await openItem("hyperterse");
    await page.goto(`${baseUrl()}/services/hyperterse`);
    const box = page.getByRole("checkbox", { name: item.title, exact: true });
    // The box is disabled until React has hydrated it (a click before then would be lost): focus it after.
    await page.waitForFunction((el) => !(el as HTMLInputElement).disabled, await box.elementHandle());
    await box.focus();
    const saved = page.waitForResponse((r) => r.url().includes(`/checklist/${item.key}`));
    await page.keyboard.press("Space");
    expect((await saved).status()).toBe(200);
    expect(await box.isChecked()).toBe(true);
  });

  it("the N/A and note forms take the focus when they open and give it back when they close (keyboard alone)", async () => {
    const page = await editor().newPage();
    const item = await openItem("glasswork");
    await page.goto(`${baseUrl()}/services/glasswork`);
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent?.trim().slice(0, 60));

    // Guidance and forms are behind the item's Details button, opened with the keyboard too.
    await page.getByRole("button", { name: `Details: ${item.title}`, exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `Mark N/A: ${item.title}`, exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(focused).toBe(`item-${item.key}-reason`);
    await page.keyboard.type("Served by the platform's gateway.");
    await page.keyboard.press("Tab");
    const saved = page.waitForResponse((r) => r.url().includes(`/checklist/${item.key}`));
    await page.keyboard.press("Enter");
    expect((await saved).status()).toBe(200);
    // The form closes on the item's buttons, now "Reopen", not on the top of the page.
    await expect.poll(focused).toBe("Reopen");
    expect(await page.evaluate(() => document.activeElement?.closest("li")?.querySelector("input[type=checkbox]")?.id)).toBe(`item-${item.key}`);

    await page.getByRole("button", { name: `Note / evidence: ${item.title}`, exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(focused).toBe(`item-${item.key}-note`);
    await page.keyboard.press("Tab"); // evidence link
    await page.keyboard.press("Tab"); // Save
    await page.keyboard.press("Tab"); // Cancel
    await page.keyboard.press("Enter");
    await expect.poll(focused).toBe(`Note / evidence: ${item.title}`);
  });

  it("marking N/A without a reason is refused with a message", async () => {
    const page = await editor().newPage();
    const item = await openItem("cryptopulse");
    await page.goto(`${baseUrl()}/services/cryptopulse`);
    await page.getByRole("button", { name: `Details: ${item.title}`, exact: true }).click();
    await page.getByRole("button", { name: `Mark N/A: ${item.title}`, exact: true }).click();
    await page.getByRole("button", { name: "Mark N/A", exact: true }).click();
    await page.getByText("Marking an item N/A needs a reason.").waitFor();
    const [row] = await appSql<{ state: string }>(
      `SELECT i.state FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'cryptopulse' AND i.key = $1`,
      [item.key],
    );
    expect(row!.state).toBe("open");
    // With a reason it lands.
    await page.getByLabel("Why does this not apply?").fill("We run no Redis in this deployment.");
    const saved = page.waitForResponse((r) => r.url().includes(`/checklist/${item.key}`));
    await page.getByRole("button", { name: "Mark N/A", exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText("Not applicable: We run no Redis in this deployment.").waitFor();
  });

  it("a viewer sees the same checklist with every checkbox disabled", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/trailbase`);
    const boxes = page.getByRole("checkbox");
    await boxes.first().waitFor();
    const count = await boxes.count();
    const [{ n }] = (await appSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'trailbase' AND i."archivedAt" IS NULL`,
    )) as [{ n: number }];
    expect(count).toBe(n);
    for (let i = 0; i < count; i++) expect(await boxes.nth(i).isDisabled()).toBe(true);
    // An item's details open for a viewer too, with its guidance and without the forms to change it.
    await page.getByRole("button", { name: /^Details: / }).first().click();
    await page.locator('[id$="-details"]:visible').first().waitFor();
    expect(await page.getByRole("button", { name: /^Mark N\/A/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Note \/ evidence/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Select several" }).count()).toBe(0);
  });
});
