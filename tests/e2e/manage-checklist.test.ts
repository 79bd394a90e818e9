import { describe, expect, it } from "vitest";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");

describe("managing a service's checklist (Chromium)", () => {
  it("a refused form keeps what was typed; a custom item shows up at once and counts in readiness", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/glasswork`);
    const summary = page.getByText(/applicable items done/);
    await summary.waitFor();
    const before = await summary.textContent();
    await page.getByText("Manage this checklist").click();

    // A section name over the server's limit: refused, and what was typed stays in the fields.
    await page.getByLabel("Title", { exact: true }).fill("Game day rehearsed with the on-call team");
    await page.getByLabel("Section", { exact: true }).fill("x".repeat(130));
    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByText("Please correct the form.").waitFor();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Game day rehearsed with the on-call team");
    expect(await page.getByLabel("Section", { exact: true }).inputValue()).toHaveLength(130);
    await page.getByLabel("Section", { exact: true }).fill("Operations");

    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByText('Added "Game day rehearsed with the on-call team" to the checklist.').waitFor();
    // No reload: the new item is a checkbox of the checklist and the readiness figures moved.
    await page.getByRole("checkbox", { name: "Game day rehearsed with the on-call team", exact: true }).waitFor();
    await expect.poll(() => summary.textContent()).not.toBe(before);
  });

  it("an editor creates a service from two templates; a taken slug is refused beside its field and keeps what was typed", async () => {
    const page = await editor().newPage();
    try {
      await page.goto(`${baseUrl()}/`);
      await page.getByRole("link", { name: "New service" }).click();
      await page.getByRole("heading", { name: "New service" }).waitFor();
      await page.getByLabel("Name", { exact: true }).fill("Ledger API");
      await page.getByLabel("Slug (optional)").fill("cryptopulse");
      await page.getByLabel("Tags (comma-separated)").fill("api, postgres");
      const templates = page.getByRole("group", { name: "Checklist templates" });
      expect(await templates.getByRole("checkbox", { name: /Production readiness baseline/ }).isChecked()).toBe(true);
      await templates.getByRole("checkbox", { name: /TrailBase productionization/ }).check();
      await page.getByRole("button", { name: "Create service" }).click();

      await page.getByText('"cryptopulse" is taken by another service.').waitFor();
      expect(await page.getByLabel("Slug (optional)").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ledger API");
      expect(await templates.getByRole("checkbox", { name: /TrailBase productionization/ }).isChecked()).toBe(true);

      await page.getByLabel("Slug (optional)").fill("");
      await page.getByRole("button", { name: "Create service" }).click();
      await page.waitForURL(`${baseUrl()}/services/ledger-api`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Ledger API");
      const [counts] = await appSql<{ items: number; templates: number }>(
        `SELECT (SELECT count(*)::int FROM "ServiceChecklistItem" i WHERE i."serviceId" = s.id) AS items,
                (SELECT count(*)::int FROM "ServiceTemplate" t WHERE t."serviceId" = s.id) AS templates
         FROM "Service" s WHERE s.slug = 'ledger-api'`,
      );
      expect(counts!.templates).toBe(2);
      expect(counts!.items).toBeGreaterThan(20);
      expect(await page.getByRole("checkbox").count()).toBeGreaterThan(20);
    } finally {
      await page.close();
      await appSql(`DELETE FROM "Service" WHERE slug = 'ledger-api'`);
    }
  });
});
